using Xunit;

namespace Ngdbt.Tests.Support;

/// <summary>Test classes that set process environment variables. The variables are process-wide and xUnit runs
/// classes in parallel, so these run one after another: a compile in one of them must never see another's value (the
/// compile memo's key, for one, holds every NGDBT_ and DBT_ variable). Their variables are named NGTEST_, outside
/// those prefixes, as well.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection))]
public sealed class ProcessEnvironmentCollection;
