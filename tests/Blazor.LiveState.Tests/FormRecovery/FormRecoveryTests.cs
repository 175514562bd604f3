using Blazor.LiveState.Forms;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Blazor.LiveState.Tests.FormRecovery;

public sealed class FormRecoveryTests : BunitContext
{
    public FormRecoveryTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        this.AddLiveState(o => o.BuildVersion = "3.1.0");
    }

    [Fact]
    public void Prerendering_does_not_touch_the_browser()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<OrderForm>();

        Assert.NotNull(cut.Find("form [data-livestate-form-recovery][hidden]"));
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void Interactive_render_attaches_to_the_form_with_the_options_and_restores()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var form = JSInterop.SetupFormRecovery(restoredFields: 2);

        Render<OrderForm>();

        var attach = Assert.Single(JSInterop.Invocations, i => i.Identifier == "attach");
        var options = Assert.IsType<FormRecoveryBrowserOptions>(attach.Arguments[1]);
        Assert.Equal(("Order", "3.1.0", 3_600_000d, 100_000), (options.Key, options.Build, options.TimeToLiveMs, options.MaxBytes));
        form.VerifyInvoke("restore");
    }

    [Fact]
    public void Valid_submit_forgets_the_stored_form()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var form = JSInterop.SetupFormRecovery();
        var cut = Render<OrderForm>();

        cut.Instance.SetName("Ada");
        cut.Find("form").Submit();

        Assert.True(cut.Instance.Submitted);
        cut.WaitForAssertion(() => form.VerifyInvoke("clear"));
    }

    [Fact]
    public void Invalid_submit_keeps_the_stored_form()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var form = JSInterop.SetupFormRecovery();
        var cut = Render<OrderForm>();

        cut.Find("form").Submit();

        Assert.False(cut.Instance.Submitted);
        Assert.DoesNotContain(form.Invocations, i => i.Identifier == "clear");
    }

    [Fact]
    public void Step_of_a_multi_step_form_keeps_its_values_after_a_valid_submit()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var form = JSInterop.SetupFormRecovery();
        var cut = Render<OrderForm>(p => p.Add(c => c.ClearOnSubmit, false));

        cut.Instance.SetName("Ada");
        cut.Find("form").Submit();

        Assert.True(cut.Instance.Submitted);
        Assert.DoesNotContain(form.Invocations, i => i.Identifier == "clear");
    }
}
