using System.Reflection;
using Blazor.LiveState.Shared;

namespace Blazor.LiveState.TabState;

/// <summary>Whether the app declares any <see cref="TabStateAttribute"/> property: only then does a circuit ask which tab it is before it renders.</summary>
internal sealed class TabStateUsage : DeclaredAttributeUsage
{
    public TabStateUsage()
        : this(() => AppDomain.CurrentDomain.GetAssemblies(), watchLoads: true)
    {
    }

    internal TabStateUsage(Func<IEnumerable<Assembly>> loadedAtStart, bool watchLoads = false)
        : base(loadedAtStart, watchLoads)
    {
    }

    protected override bool DeclaresOn(Type type) =>
        DeclaredMembers(type, MemberTypes.Property).Any(property => property.IsDefined(typeof(TabStateAttribute), inherit: false));
}
