namespace Ngdbt.Load;

/// <summary>ngdbt ships its own implementation of widely used `dbt_utils` macros and generic tests
/// (Packages/dbt_utils/*.sql, Jinja, written for ngdbt). A dbt project gets them as package `dbt_utils` without
/// installing anything, and in place of a dbt_utils entry of packages.yml that is not installed (warning NG0073);
/// a real package named dbt_utils (installed in dbt_packages/ or `local:`) replaces them entirely.</summary>
public static partial class ProjectLoader
{
    /// <summary>The path prefix of the shipped dbt_utils files (their errors name `&lt;ngdbt&gt;/dbt_utils/file.sql`).</summary>
    public const string ShippedDbtUtilsPrefix = "<ngdbt>/dbt_utils/";

    private const string ShippedDbtUtilsPackage = "dbt_utils";

    /// <summary>A hub/git entry for dbt_utils (`dbt-labs/dbt_utils`, `.../dbt-utils.git`).</summary>
    public static bool IsDbtUtils(PackageEntry entry) => entry.Name.Replace('-', '_') == ShippedDbtUtilsPackage;

    public static string ShippedDbtUtilsMessage(PackageEntry entry)
        => $"package '{entry.Spec}' from {entry.ListName} is not installed: using ngdbt's own dbt_utils macros and tests instead (not the dbt-utils package itself; install it with `dbt deps` to use it)";

    private static IEnumerable<ProjectFile> ShippedDbtUtils(IReadOnlyList<ProjectFile> loaded)
    {
        if (loaded.Any(f => f.Package == ShippedDbtUtilsPackage))
        {
            yield break;
        }

        var assembly = typeof(ProjectLoader).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ngdbt.dbt_utils.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var file = ShippedDbtUtilsPrefix + name["ngdbt.dbt_utils.".Length..];
            yield return new ProjectFile(ProjectFileKind.Macro, file, file, file, reader.ReadToEnd(), ShippedDbtUtilsPackage);
        }
    }
}
