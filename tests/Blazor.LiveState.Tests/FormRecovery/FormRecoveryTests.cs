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

        Assert.Equal("static", cut.Find("form [data-livestate-form-recovery][hidden]").GetAttribute("data-livestate-form-recovery"));
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void Interactive_render_marks_the_form_live_with_its_options_and_collects_the_restore()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var form = JSInterop.SetupFormRecovery(restoredFields: 2);

        var cut = Render<OrderForm>();

        var marker = cut.Find("form [data-livestate-form-recovery]");
        Assert.Equal(
            ("live", "Order", "3.1.0", "3600000", "100000", "250"),
            (marker.GetAttribute("data-livestate-form-recovery"), marker.GetAttribute("data-livestate-key"), marker.GetAttribute("data-livestate-build"),
             marker.GetAttribute("data-livestate-ttl-ms"), marker.GetAttribute("data-livestate-max-chars"), marker.GetAttribute("data-livestate-save-delay-ms")));
        Assert.Single(JSInterop.Invocations, i => i.Identifier == FormRecoveryBunitExtensions.AttachFunction);
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
