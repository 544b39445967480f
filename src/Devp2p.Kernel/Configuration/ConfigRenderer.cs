using System.Runtime.CompilerServices;
using System.Text;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// Renders values as HOCON that parses back to the same tree: the root without braces,
/// nested objects as <c>key { ... }</c>, strings JSON-quoted.
/// </summary>
internal static class ConfigRenderer
{
    public static string Render(ConfigValue value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    public static string RenderRoot(ConfigObject root)
    {
        var sb = new StringBuilder();
        WriteFields(sb, root, 0);
        return sb.ToString();
    }

    private static void WriteFields(StringBuilder sb, ConfigObject obj, int indent)
    {
        foreach (var (key, value) in obj)
        {
            sb.Append(' ', indent * 2).Append(ConfigPath.RenderKey(key));
            sb.Append(value is ConfigObject ? " " : " = ");
            Write(sb, value, indent);
            sb.Append('\n');
        }
    }

    private static void Write(StringBuilder sb, ConfigValue value, int indent)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case ConfigObject obj when obj.Count == 0:
                sb.Append("{}");
                break;
            case ConfigObject obj:
                sb.Append("{\n");
                WriteFields(sb, obj, indent + 1);
                sb.Append(' ', indent * 2).Append('}');
                break;
            case ConfigArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        sb.Append(", ");
                    Write(sb, array[i], indent);
                }
                sb.Append(']');
                break;
            case ConfigString s:
                sb.Append(Quote(s.Value));
                break;
            case ConfigSubstitution substitution:
                sb.Append(substitution.Render());
                break;
            case ConfigConcatenation concatenation:
                foreach (var part in concatenation.Parts)
                {
                    if (part is ConfigString { IsFiller: true } filler)
                        sb.Append(filler.Value);
                    else
                        Write(sb, part, indent);
                }
                break;
            case ConfigMergeStack stack:
                Write(sb, stack.Levels[0], indent);
                break;
            default:
                sb.Append(value.ScalarText);
                break;
        }
    }

    /// <summary>JSON string quoting.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ')
                        sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
