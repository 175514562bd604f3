using System.Reflection;
using Blazor.LiveState.Shared;

namespace Blazor.LiveState.Analyzers.Tests.Infrastructure;

/// <summary>What the kit itself does at run time with a component type: the rules the analyzers must match.</summary>
internal static class RuntimeRules
{
    /// <summary>
    /// The kit's own reading of <paramref name="componentType"/>'s live-state properties, as at its first
    /// render: the error it throws, or null when it binds the component.
    /// </summary>
    public static string? BindingError(Type componentType, Action<LiveStateOptions>? configure = null)
    {
        var options = new LiveStateOptions();
        configure?.Invoke(options);
        try
        {
            LiveComponentMetadata.Create(componentType, options);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or MemberAccessException or ArgumentException)
        {
            return e.Message;
        }
    }

    /// <summary>The names of the properties the kit binds on <paramref name="componentType"/>.</summary>
    public static IReadOnlyList<string> BoundProperties(Type componentType)
    {
        var metadata = LiveComponentMetadata.Create(componentType, new LiveStateOptions());
        return [.. metadata.UrlProperties.Select(p => p.Name), .. metadata.TabProperties.Select(p => p.PropertyName)];
    }

    public static Type Type(this Assembly assembly, string name) =>
        assembly.GetType(name) ?? throw new InvalidOperationException($"{name} is not in the compiled test project.");
}
