using Blazor.LiveState.Shared;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

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
        Assert.Single(JSInterop.Invocations, i => i.Identifier == LiveStateInterop.Forms.Attach);
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
        form.WaitForClear();
    }

    [Fact]
    public void Valid_submit_that_comes_before_the_attach_answers_still_forgets_the_stored_form()
    {
        var browser = new SlowAttachJSRuntime();
        Services.AddSingleton<IJSRuntime>(browser);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = Render<OrderForm>();

        cut.Instance.SetName("Ada");
        cut.Find("form").Submit();
        var handle = new RecordingFormHandle();
        browser.Attach.SetResult(handle);

        Assert.True(cut.Instance.Submitted);
        Assert.True(handle.Cleared.Wait(TimeSpan.FromSeconds(5)), "The stored form was not cleared.");
    }

    [Fact]
    public void Disposing_the_form_before_the_page_answers_the_attach_does_not_wait_for_the_page()
    {
        // A page that left before answering never answers: its circuit's teardown, and the server's shutdown behind
        // it, must not wait for the JS interop timeout.
        Services.AddSingleton<IJSRuntime>(new SlowAttachJSRuntime());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var recovery = Render<OrderForm>().FindComponent<Blazor.LiveState.FormRecovery>().Instance;

        var disposing = recovery.DisposeAsync();

        Assert.True(disposing.IsCompleted);
    }

    [Fact]
    public void Handle_the_page_sends_after_the_form_is_gone_is_released()
    {
        var browser = new SlowAttachJSRuntime();
        Services.AddSingleton<IJSRuntime>(browser);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var recovery = Render<OrderForm>().FindComponent<Blazor.LiveState.FormRecovery>().Instance;
        var disposing = recovery.DisposeAsync().AsTask();

        var handle = new RecordingFormHandle();
        browser.Attach.SetResult(handle);

        Assert.True(handle.Disposed.Wait(TimeSpan.FromSeconds(5)), "The late handle was not released.");
        Assert.True(disposing.IsCompletedSuccessfully);
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

/// <summary>A form handle that answers at once and signals when it is told to clear.</summary>
internal sealed class RecordingFormHandle : IJSObjectReference
{
    public ManualResetEventSlim Cleared { get; } = new();

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        if (identifier == "clear")
        {
            Cleared.Set();
        }

        return ValueTask.FromResult(typeof(TValue) == typeof(Blazor.LiveState.Forms.FormRecoveryResult)
            ? (TValue)(object)new Blazor.LiveState.Forms.FormRecoveryResult(0, null, false, 0)
            : default!);
    }

    public ManualResetEventSlim Disposed { get; } = new();

    public ValueTask DisposeAsync()
    {
        Disposed.Set();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A browser whose answer to the attach call the test releases, after the submit.</summary>
internal sealed class SlowAttachJSRuntime : IJSRuntime
{
    public TaskCompletionSource<IJSObjectReference> Attach { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        Assert.Equal(LiveStateInterop.Forms.Attach, identifier);
        return (TValue)await Attach.Task;
    }
}
