using System.Collections.Concurrent;
using System.Reflection;
using Blazor.LiveState.Forms;
using Blazor.LiveState.TabState;
using Blazor.LiveState.UrlState;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Shared;

/// <summary>The live-state properties of one component type, found once by reflection.</summary>
internal sealed class LiveComponentMetadata
{
    private LiveComponentMetadata(
        Type componentType,
        IReadOnlyList<UrlStateProperty> urlProperties,
        IReadOnlyList<TabStateProperty> tabProperties,
        IReadOnlyList<FormModelMember> formModels)
    {
        ComponentType = componentType;
        UrlProperties = urlProperties;
        TabProperties = tabProperties;
        FormModels = formModels;
    }

    public Type ComponentType { get; }

    public IReadOnlyList<UrlStateProperty> UrlProperties { get; }

    public IReadOnlyList<TabStateProperty> TabProperties { get; }

    /// <summary>The members marked <see cref="FormRecoveryModelAttribute"/>.</summary>
    public IReadOnlyList<FormModelMember> FormModels { get; }

    public static LiveComponentMetadata Create(Type componentType, LiveStateOptions options)
    {
        var urlProperties = new List<UrlStateProperty>();
        var tabProperties = new List<TabStateProperty>();
        var tabNames = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var formModels = new List<FormModelMember>();
        foreach (var property in AllProperties(componentType))
        {
            if (property.IsDefined(typeof(FormRecoveryModelAttribute), inherit: true))
            {
                formModels.Add(FormModelMember.From(property));
            }

            if (property.GetCustomAttribute<UrlStateAttribute>(inherit: true) is { } url)
            {
                var bound = new UrlStateProperty(property, url, options.UrlState);
                if (!keys.Add(bound.Key))
                {
                    throw new InvalidOperationException(
                        $"{componentType.Name} has two [UrlState] properties with the query key '{bound.Key}'.");
                }

                urlProperties.Add(bound);
            }

            if (property.GetCustomAttribute<TabStateAttribute>(inherit: true) is { } tab)
            {
                var bound = new TabStateProperty(property, tab);
                if (!tabNames.Add(bound.Name))
                {
                    throw new InvalidOperationException($"{componentType.Name} has two [TabState] properties named '{bound.Name}'.");
                }

                tabProperties.Add(bound);
            }
        }

        formModels.AddRange(AllFields(componentType).Where(f => f.IsDefined(typeof(FormRecoveryModelAttribute), inherit: true)).Select(FormModelMember.From));
        return new LiveComponentMetadata(componentType, urlProperties, tabProperties, formModels);
    }

    /// <summary>Public and non-public instance fields, declared on the type or its bases.</summary>
    private static IEnumerable<FieldInfo> AllFields(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    /// <summary>Public and non-public instance properties, declared on the type or its bases, each once.</summary>
    private static IEnumerable<PropertyInfo> AllProperties(Type type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var property in current.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }
}

/// <summary>Metadata per component type, shared by every circuit.</summary>
internal sealed class LiveComponentMetadataCache(IOptions<LiveStateOptions> options)
{
    private readonly ConcurrentDictionary<Type, LiveComponentMetadata> _cache = new();

    public LiveComponentMetadata For(Type componentType) =>
        _cache.GetOrAdd(componentType, static (type, o) => LiveComponentMetadata.Create(type, o), options.Value);
}
