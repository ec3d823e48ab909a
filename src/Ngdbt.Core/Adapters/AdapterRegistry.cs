namespace Ngdbt.Adapters;

/// <summary>The adapters a host offers, keyed by profile `type` (Markdig's extension registry). Immutable: hosts build one
/// at start-up and hand it to the engine; nothing is looked up through static state.</summary>
public sealed class AdapterRegistry
{
    private readonly IReadOnlyDictionary<string, IAdapterFactory> _factories;

    private AdapterRegistry(IReadOnlyDictionary<string, IAdapterFactory> factories, Func<IDatabaseAdapter>? fileEngine)
    {
        _factories = factories;
        FileEngine = fileEngine;
    }

    public static AdapterRegistry Empty { get; } = new(new Dictionary<string, IAdapterFactory>(StringComparer.Ordinal), null);

    /// <summary>Opens an embedded engine that reads Parquet/CSV/NDJSON files for warehouses that cannot (file sources and
    /// seeds are streamed from it into the warehouse). Null when the host offers none.</summary>
    public Func<IDatabaseAdapter>? FileEngine { get; }

    public IEnumerable<string> Types => _factories.Keys.Order(StringComparer.Ordinal);

    public AdapterRegistry Add(IAdapterFactory factory)
    {
        if (_factories.ContainsKey(factory.Type))
        {
            throw new InvalidOperationException($"adapter type '{factory.Type}' is registered twice");
        }

        return new(new Dictionary<string, IAdapterFactory>(_factories, StringComparer.Ordinal) { [factory.Type] = factory }, FileEngine);
    }

    public AdapterRegistry WithFileEngine(Func<IDatabaseAdapter> open) => new(_factories, open);

    public IAdapterFactory? Find(string type) => _factories.GetValueOrDefault(type);

    /// <summary>Every registered adapter's own model configs.</summary>
    public IReadOnlySet<string> ConfigKeys => _factories.Values.SelectMany(f => f.ConfigKeys).ToHashSet(StringComparer.Ordinal);
}
