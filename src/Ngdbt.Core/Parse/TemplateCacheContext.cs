using System.Buffers;
using System.Text;
using System.Text.Json;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Parse;

/// <summary>
/// The part of the template caches' keys that every template shares: the build of ngdbt, the vars (project.yml and
/// --vars), the `target` a template sees (its adapter type decides macro dispatch), and the path and text of every macro file
/// (the project's, packages', ngdbt's and the adapter's shipped ones, tests/generic). A
/// change to any of them invalidates every stored template parse and render, as a vars change does in dbt. Null when a
/// var holds a value the cache format cannot keep exactly: nothing is then cached.
/// </summary>
internal static class TemplateCacheContext
{
    public static string? Compute(LoadedProject project, Func<ProjectFile, bool> isMacroFile)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("code", SchemaParseCache.CodeVersion);
            if (!TryWrite(w, "vars", project.Vars) || !TryWrite(w, "target", ManifestBuilder.TargetObject(project.Target)))
            {
                return null;
            }

            w.WriteStartArray("macro_files");
            foreach (var file in project.Files.Where(isMacroFile).OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                w.WriteStringValue(file.Path);
                w.WriteStringValue(file.Package);
                w.WriteStringValue(file.Text);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return TextHash.Sha256(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static bool TryWrite(Utf8JsonWriter w, string name, object? value)
    {
        w.WriteStartArray(name);
        var ok = TryWrite(w, value);
        w.WriteEndArray();
        return ok;
    }

    /// <summary>A value with its .NET type (a decimal's scale, a long apart from a decimal), maps in their own order (a
    /// template may loop over one); false for a type it does not know.</summary>
    private static bool TryWrite(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                return true;
            case string or bool or long or int or decimal:
                w.WriteStringValue(value.GetType().Name + ":" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                return true;
            case IReadOnlyDictionary<string, object?> map:
                w.WriteStringValue("map");
                foreach (var (k, v) in map)
                {
                    w.WriteStringValue("k:" + k);
                    if (!TryWrite(w, v))
                    {
                        return false;
                    }
                }

                w.WriteStringValue("end");
                return true;
            case IEnumerable<object?> list:
                w.WriteStringValue("list");
                foreach (var item in list)
                {
                    if (!TryWrite(w, item))
                    {
                        return false;
                    }
                }

                w.WriteStringValue("end");
                return true;
            default:
                return false;
        }
    }
}
