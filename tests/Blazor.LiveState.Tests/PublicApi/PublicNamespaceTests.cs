using System.Reflection;
using Blazor.LiveState.Infrastructure;
using Blazor.LiveState.Testing;

namespace Blazor.LiveState.Tests.PublicApi;

/// <summary>
/// An app writes one <c>@using Blazor.LiveState</c>: every public type of the kit is in that namespace, apart from
/// the extension methods ASP.NET Core users look for next to <c>AddRazorComponents</c> and <c>MapRazorComponents</c>.
/// </summary>
public sealed class PublicNamespaceTests
{
    private static readonly string[] ExtensionPointNamespaces = ["Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore.Builder"];

    [Fact]
    public void Every_public_type_an_app_writes_is_in_the_root_namespace()
    {
        var elsewhere = typeof(LiveStateOptions).Assembly.GetExportedTypes()
            .Where(type => type.Namespace != "Blazor.LiveState" && type != typeof(FormRecoveryRoundTrip))
            .Where(type => !(ExtensionPointNamespaces.Contains(type.Namespace) && IsExtensionClass(type)))
            .Select(type => type.FullName);

        Assert.Empty(elsewhere);
    }

    [Fact]
    public void The_only_public_infrastructure_is_the_form_restore_round_trip()
    {
        // Blazor calls a browser-invoked static method only on an exported type; nothing else has a reason to be public.
        var infrastructure = typeof(LiveStateOptions).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == "Blazor.LiveState.Infrastructure");

        Assert.Equal([typeof(FormRecoveryRoundTrip)], infrastructure);
    }

    [Fact]
    public void Razor_imports_are_not_public()
    {
        Assert.DoesNotContain(typeof(LiveStateOptions).Assembly.GetExportedTypes(), type => type.Name == "_Imports");
    }

    [Fact]
    public void The_testing_package_has_one_namespace_and_no_public_constants()
    {
        var types = typeof(BunitTabStateStorage).Assembly.GetExportedTypes();

        Assert.All(types, type => Assert.Equal("Blazor.LiveState.Testing", type.Namespace));
        Assert.Empty(types.SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(field => field.Name));
    }

    private static bool IsExtensionClass(Type type) =>
        type is { IsAbstract: true, IsSealed: true } && type.Name.EndsWith("Extensions", StringComparison.Ordinal);
}
