using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;
using Ngdbt.Adapters;
using Ngdbt.Load;

namespace Ngdbt.Engine;

/// <summary>
/// The key of everything a compile's outputs can depend on, when its templates are pure (<see cref="NgdbtEngine"/>'s
/// CheckCompileReuse): the build of ngdbt (the CLI's, the core's and every registered adapter's assemblies, the version
/// the artifacts declare); the command line and the folder it runs in; every project file (path, kind, package, text)
/// and the text of project.yml, all as the load read them; the registered adapter types and config keys; the vars and
/// the target as loaded (secrets only as a hash); the value of every environment variable those texts name in
/// `env_var('…')` and of every NGDBT_ and DBT_ variable (but NGDBT_TIMINGS, which only prints stage times); and the
/// warehouse's catalog (each relation, its kind and columns: what is_incremental(), deferral and unit tests see). Null
/// when one of them cannot be keyed: an `env_var` whose name is not a literal, or a var of a type the template caches
/// cannot keep.
/// </summary>
internal static class CompileInputsKey
{
    public static string? Compute(LoadedProject project, IReadOnlyList<string> builds, IReadOnlyList<string> arguments, string workingDirectory, Func<string, string?> environment, IReadOnlyList<CatalogEntry> catalog)
    {
        var context = Parse.TemplateCacheContext.Compute(project, _ => false);
        if (context is null)
        {
            return null;
        }

        var hash = new XxHash128();
        // Each text as its UTF-8 length and bytes, encoded a slice at a time through one buffer (a project's texts
        // are tens of thousands of strings, one of them a schema file of megabytes).
        var buffer = new byte[Manifest.TextHash.SliceBytes];
        void Add(string? text)
        {
            var chars = (text ?? "\u0001null").AsSpan();
            Span<byte> length = stackalloc byte[sizeof(int)];
            BitConverter.TryWriteBytes(length, Encoding.UTF8.GetByteCount(chars));
            hash.Append(length);
            while (!chars.IsEmpty)
            {
                hash.Append(buffer.AsSpan(0, Manifest.TextHash.EncodeSlice(ref chars, buffer)));
            }
        }

        foreach (var build in builds)
        {
            Add(build);
        }

        // The core's build, the vars and the target object templates see (Parse.TemplateCacheContext).
        Add(context);
        Add(workingDirectory);
        Add(project.Root);
        Add(project.TargetDir);
        foreach (var argument in arguments)
        {
            Add(argument);
        }

        var texts = new List<string>();
        Add("files");
        foreach (var file in project.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Package, StringComparer.Ordinal))
        {
            Add(file.Kind.ToString());
            Add(file.Path);
            Add(file.Package);
            Add(file.Text);
            texts.Add(file.Text);
        }

        // project.yml as the load read it, not as it is on disk now (a later save is not what this compile uses); the
        // profile enters through the target it gave, packages through the files they brought.
        Add("configuration");
        Add(project.ConfigText);
        texts.Add(project.ConfigText);
        foreach (var set in new[] { project.AdapterTypes, project.AdapterConfigKeys, project.TargetConfigKeys })
        {
            foreach (var item in set.Order(StringComparer.Ordinal))
            {
                Add(item);
            }

            Add("end");
        }

        Add("target");
        var target = project.Target;
        foreach (var part in new[] { target.ProfileName, target.TargetName, target.Type, target.Schema, target.Database, target.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            Add(part);
        }

        foreach (var map in new[] { target.Fields, target.Settings })
        {
            foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                Add(k);
                Add(v);
            }

            Add("end");
        }

        // Secrets enter the key only as a hash of their values: the memo holds the key's own hash, never a secret.
        var secrets = new XxHash128();
        foreach (var (k, v) in target.Secrets.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            secrets.Append(Encoding.UTF8.GetBytes(k + "\0" + v + "\0"));
        }

        Add(Convert.ToHexString(secrets.GetCurrentHash()));
        if (!AddEnvironment(texts, environment, Add))
        {
            return null;
        }

        Add("catalog");
        foreach (var entry in catalog.OrderBy(c => c.Relation.Schema, StringComparer.Ordinal).ThenBy(c => c.Relation.Identifier, StringComparer.Ordinal))
        {
            Add(entry.Relation.Schema);
            Add(entry.Relation.Identifier);
            Add(entry.Kind.ToString());
            foreach (var column in entry.Columns)
            {
                Add(column.Name);
                Add(column.Type);
            }

            Add("end");
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The variables the texts name in env_var('NAME'), and every NGDBT_/DBT_ variable, with their values; false
    /// when an env_var's name is computed (any variable could then change the outputs).</summary>
    private static bool AddEnvironment(List<string> texts, Func<string, string?> environment, Action<string?> add)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (!text.Contains("env_var", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match m in State.StateFingerprint.VarCall().Matches(text))
            {
                if (m.Groups["fn"].Value != "env_var")
                {
                    continue;
                }

                if (m.Groups["other"].Success)
                {
                    return false;
                }

                names.Add(m.Groups["name"].Value);
            }
        }

        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && k != "NGDBT_TIMINGS" && (k.StartsWith("NGDBT_", StringComparison.Ordinal) || k.StartsWith("DBT_", StringComparison.Ordinal)))
            {
                names.Add(k);
            }
        }

        add("environment");
        foreach (var name in names)
        {
            add(name);
            add(environment(name));
        }

        return true;
    }
}
