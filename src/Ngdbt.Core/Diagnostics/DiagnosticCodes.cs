namespace Ngdbt.Diagnostics;

/// <summary>Every diagnostic code the engine and the CLI emit, one meaning each; each has a golden test named by its code
/// under src/Ngdbt.Tests/Golden/Diagnostics (`NG0020-unknown-ref.txt`), which a test enforces.</summary>
public static class DiagnosticCodes
{
    public const string FileMissing = "NG0001";
    public const string YamlSyntax = "NG0002";
    public const string YamlSchema = "NG0003";
    public const string ProfileMissing = "NG0004";
    public const string TemplateSyntax = "NG0010";
    public const string TemplateRuntime = "NG0011";
    public const string UnknownRef = "NG0020";
    public const string UnknownSource = "NG0021";
    public const string Cycle = "NG0022";
    public const string DuplicateName = "NG0023";
    public const string UnknownConfigKey = "NG0024";
    public const string InvalidConfigValue = "NG0025";
    public const string UnknownVar = "NG0026";
    public const string RefNotInDag = "NG0027";
    public const string ConfigNotImplemented = "NG0029";
    public const string SqlError = "NG0030";
    public const string SourceUnreadable = "NG0031";
    public const string SourceSchemaMismatch = "NG0032";
    public const string ConnectionError = "NG0034";
    public const string TargetUnwritable = "NG0035";
    public const string Selector = "NG0040";
    public const string UsageError = "NG0041";
    public const string ContractViolation = "NG0050";
    public const string MoneyGuard = "NG0051";
    public const string UnknownTest = "NG0052";
    public const string PythonModel = "NG0070";
    public const string PackageMissing = "NG0071";
    public const string PackageNotInstallable = "NG0072";
    public const string ShippedDbtUtilsUsed = "NG0073";
    public const string BatchesWithoutBatchKey = "NG0074";
    public const string StateUnreadable = "NG0100";
    public const string StateRequired = "NG0101";
    public const string StateNodeDeleted = "NG0102";
    public const string DeferUnavailable = "NG0103";
    public const string RetryUnavailable = "NG0104";
    public const string DiffError = "NG0105";
    public const string FreshnessConfig = "NG0106";
    public const string SourceStale = "NG0107";
    public const string PartialParseUnwritable = "NG0108";
    public const string KeptInJinja = "NG0115";
    public const string ConvertNotCarried = "NG0116";
    public const string SnapshotBlocks = "NG0120";
    public const string GitPackageFailed = "NG0121";
    public const string DeclaredDependency = "NG0122";
}
