using Blazor.LiveState.Forms;
using Blazor.LiveState.Shared;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Blazor.LiveState.Tests.FormRecovery;

/// <summary>Whose a stored form is: the tag on the marker, the key behind it, and what the server logs.</summary>
public sealed class FormOwnerTests : BunitContext
{
    private readonly RecordingLoggerProvider _logs = new();

    public FormOwnerTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        Services.AddLogging(b => b.AddProvider(_logs));
    }

    private IRenderedComponent<OrderForm> RenderInteractive(Action<ComponentParameterCollectionBuilder<OrderForm>>? parameters = null)
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters);
    }

    [Fact]
    public void Anonymous_visitor_form_is_tagged_anonymous()
    {
        this.AddLiveState();
        JSInterop.SetupFormRecovery();

        var cut = RenderInteractive();

        Assert.Equal(FormOwnerTags.Anonymous, cut.Find("[data-livestate-form-recovery]").GetAttribute("data-livestate-owner"));
    }

    [Fact]
    public void Signed_in_user_form_is_tagged_with_a_keyed_hash_never_the_id()
    {
        this.AddLiveState();
        var auth = AddAuthorization();
        auth.SetAuthorized("alice@example.com");
        JSInterop.SetupFormRecovery();

        var alice = RenderInteractive().Find("[data-livestate-form-recovery]").GetAttribute("data-livestate-owner");
        var aliceAgain = RenderInteractive().Find("[data-livestate-form-recovery]").GetAttribute("data-livestate-owner");
        auth.SetAuthorized("bob@example.com");
        var bob = RenderInteractive().Find("[data-livestate-form-recovery]").GetAttribute("data-livestate-owner");

        Assert.StartsWith("u.", alice, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", alice, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(alice, aliceAgain);
        Assert.NotEqual(alice, bob);
        Assert.NotEqual(FormOwnerTags.Anonymous, alice);
    }

    [Fact]
    public void Flow_and_the_apps_sensitive_names_reach_the_browser_on_the_marker()
    {
        this.AddLiveState(o =>
        {
            o.FormRecovery.SensitiveFieldNames.Add("tax id");
            o.FormRecovery.SensitiveFieldNames.Add("iban");
        });
        JSInterop.SetupFormRecovery();

        var marker = RenderInteractive(p => p.Add(c => c.Flow, "checkout")).Find("[data-livestate-form-recovery]");

        Assert.Equal("checkout", marker.GetAttribute("data-livestate-flow"));
        Assert.Equal("""["tax id","iban"]""", marker.GetAttribute("data-livestate-sensitive-names"));
    }

    [Fact]
    public void Another_users_snapshot_is_dropped_and_logged_as_such()
    {
        this.AddLiveState();
        var form = JSInterop.SetupModule(i => i.Identifier == LiveStateInterop.Forms.Handle);
        form.Setup<FormRecoveryResult>(LiveStateInterop.FormHandle.Outcome).SetResult(new FormRecoveryResult(0, "other-owner", false, 0));

        RenderInteractive();

        Assert.Single(_logs.Messages, m => m.Contains("Form 'Order': the stored snapshot belonged to another user and was dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void Snapshot_with_only_malformed_entries_is_logged_once_as_ignored()
    {
        this.AddLiveState();
        var form = JSInterop.SetupModule(i => i.Identifier == LiveStateInterop.Forms.Handle);
        form.Setup<FormRecoveryResult>(LiveStateInterop.FormHandle.Outcome).SetResult(new FormRecoveryResult(0, "malformed-entries", false, 0));

        RenderInteractive();

        Assert.Single(_logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("ignored (malformed-entries)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connection_up_tells_the_page_the_owner_and_logs_what_it_forgot()
    {
        this.AddLiveState();
        AddAuthorization().SetAuthorized("bob");
        var keepOwner = JSInterop.Setup<int>("BlazorLiveState.forms.keepOwner", _ => true).SetResult(3);
        var handler = ActivatorUtilities.CreateInstance<FormOwnerCircuitHandler>(Services);

        await handler.KeepOwnerAsync();

        var tag = Assert.IsType<string>(Assert.Single(JSInterop.Invocations, i => i.Identifier == "BlazorLiveState.forms.keepOwner").Arguments[0]);
        Assert.Equal(Services.GetRequiredService<FormOwnerTags>().For("bob"), tag);
        Assert.Single(_logs.Messages, m => m.Contains("forgot 3 forms another user stored", StringComparison.Ordinal));
    }

    [Fact]
    public void Owner_key_is_the_same_after_a_restart_and_on_every_instance_sharing_the_key_ring_and_differs_for_another_ring()
    {
        var ring = Directory.CreateTempSubdirectory("livestate-ring-");
        var otherRing = Directory.CreateTempSubdirectory("livestate-ring-");
        try
        {
            var first = OwnerKeyOver(ring).Current();
            var restarted = OwnerKeyOver(ring).Current();
            var otherApp = OwnerKeyOver(otherRing).Current();

            Assert.NotNull(first);
            Assert.Equal(first, restarted);
            Assert.NotEqual(first, otherApp);
            Assert.Single(ring.GetFiles("key-*.xml"));
        }
        finally
        {
            ring.Delete(recursive: true);
            otherRing.Delete(recursive: true);
        }
    }

    /// <summary>A new process's key, over a key ring persisted in <paramref name="ring"/>.</summary>
    private static FormOwnerKey OwnerKeyOver(DirectoryInfo ring)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("FormOwnerTests").PersistKeysToFileSystem(ring);
        var provider = services.BuildServiceProvider();
        return new FormOwnerKey(
            provider.GetRequiredService<IKeyManager>(),
            provider.GetRequiredService<IDataProtectionProvider>(),
            TimeProvider.System,
            NullLogger<FormOwnerKey>.Instance);
    }
}
