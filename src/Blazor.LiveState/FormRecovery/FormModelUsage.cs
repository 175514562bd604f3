using System.Reflection;
using Blazor.LiveState.Shared;

namespace Blazor.LiveState.Forms;

/// <summary>Whether the app declares any <see cref="FormRecoveryModelAttribute"/> member: only then does a circuit ask for the stored forms before it renders.</summary>
internal sealed class FormModelUsage : DeclaredAttributeUsage
{
    public FormModelUsage()
        : this(() => AppDomain.CurrentDomain.GetAssemblies(), watchLoads: true)
    {
    }

    internal FormModelUsage(Func<IEnumerable<Assembly>> loadedAtStart, bool watchLoads = false)
        : base(loadedAtStart, watchLoads)
    {
    }

    protected override bool DeclaresOn(Type type) =>
        DeclaredMembers(type, MemberTypes.Property | MemberTypes.Field).Any(member => member.IsDefined(typeof(FormRecoveryModelAttribute), inherit: false));
}
