using Microsoft.AspNetCore.Components;

namespace Blazor.LiveState;

/// <summary>
/// A component base with live state. Its <see cref="UrlStateAttribute"/> properties live in the URL: they
/// are read before <see cref="ComponentBase.OnInitialized"/> runs (also while prerendering, so the first
/// paint is right), written back after every event that changes them, and updated when Back, Forward or a
/// link changes the URL. Its <see cref="TabStateAttribute"/> properties are restored for the browser tab
/// before the first interactive render and saved after every event that changes them.
/// </summary>
/// <remarks>
/// When the prerender of a crash's reload cannot read a distributed tab-state store, the component renders nothing
/// in it rather than defaults that may be wrong; its circuit restores it. Everything else works as in
/// <see cref="ComponentBase"/>. To release resources, override
/// <see cref="Dispose(bool)"/> rather than declaring a new <c>Dispose()</c>. A component that cannot inherit
/// this class binds its properties with <see cref="LiveStateBinder"/> instead.
/// </remarks>
/// <example>
/// <code>
/// @page "/catalog"
/// @inherits LiveComponentBase
///
/// &lt;input @bind="Search" @bind:event="oninput" /&gt;
///
/// @code {
///     [UrlState(Name = "q")] public string Search { get; set; } = "";
///     [UrlState(History = UrlHistory.Push)] public int Page { get; set; } = 1;
///
///     // Back and Forward change the properties: load what they show.
///     protected override Task OnUrlStateChangedAsync() =&gt; LoadAsync();
/// }
/// </code>
/// </example>
public abstract class LiveComponentBase : ComponentBase, IHandleEvent, IHandleAfterRender, IDisposable
{
    private LiveStateBinding? _binding;
    private bool _hasCalledOnAfterRender;

    [Inject]
    private LiveStateBinder Binder { get; set; } = default!;

    /// <summary>
    /// Tells apart the <see cref="TabStateAttribute"/> state of several instances of this component type on
    /// one page (a route parameter or an id, say). Read once, after the first parameters are set. Default:
    /// <see langword="null"/>, one saved state per component type.
    /// </summary>
    protected virtual string? TabStateKey => null;

    /// <summary>
    /// Runs after the URL changed the <see cref="UrlStateAttribute"/> properties (Back, Forward, a link, or
    /// another component writing a shared key), before the component re-renders. Reload here what depends
    /// on them. Not called for the component's own changes.
    /// </summary>
    protected virtual Task OnUrlStateChangedAsync() => Task.CompletedTask;

    /// <summary>
    /// Writes the live-state properties that changed now rather than after the current event, for changes
    /// made outside an event or a render (a timer callback, for example).
    /// </summary>
    protected void CommitLiveState() => _binding?.Commit();

    /// <inheritdoc />
    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (_binding?.TabStateUnreadable == true)
        {
            // Left out of this prerender (see Initialize): later parameters do not initialize it with its defaults.
            return Task.CompletedTask;
        }

        if (_binding is not null)
        {
            return base.SetParametersAsync(parameters);
        }

        // Parameters first (a key may depend on them), then the live state, then initialization, so
        // OnInitialized already sees the values from the URL.
        parameters.SetParameterProperties(this);
        // A render mode assigned to a static render means a prerender: the interactive render follows.
        var prerendering = AssignedRenderMode is not null && !RendererInfo.IsInteractive;
        var binding = Binder.BindAsync(this, UrlStateChangedAsync, TabStateKey, prerendering);
        return binding.IsCompletedSuccessfully ? Initialize(binding.Result) : InitializeAsync(binding);
    }

    private Task Initialize(LiveStateBinding binding)
    {
        _binding = binding;
        if (binding.TabStateUnreadable)
        {
            // The prerender of a crash's reload could not read the store: rather than paint defaults that may be
            // wrong, the component renders nothing here. Its circuit restores it, or has the page wait for an
            // instance that can read the store.
            return Task.CompletedTask;
        }

        return base.SetParametersAsync(ParameterView.Empty);
    }

    private async Task InitializeAsync(Task<LiveStateBinding> binding) => await Initialize(await binding);

    private async Task UrlStateChangedAsync()
    {
        try
        {
            var task = OnUrlStateChangedAsync();
            StateHasChanged();
            await task;
            StateHasChanged();
            // The handler may have changed live state itself (clamped a page number, say).
            _binding?.Commit();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    /// <summary>Runs the event handler as <see cref="ComponentBase"/> does, then writes what it changed.</summary>
    Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        var task = callback.InvokeAsync(arg);
        var shouldAwait = task.Status != TaskStatus.RanToCompletion && task.Status != TaskStatus.Canceled;
        StateHasChanged();
        if (!shouldAwait)
        {
            _binding?.Commit();
            return Task.CompletedTask;
        }

        return CompleteEventAsync(task);
    }

    private async Task CompleteEventAsync(Task task)
    {
        try
        {
            await task;
        }
        catch
        {
            if (task.IsCanceled)
            {
                return;
            }

            throw;
        }
        finally
        {
            // What changed before a failure is still the user's state.
            _binding?.Commit();
        }

        StateHasChanged();
    }

    /// <summary>Writes what changed outside events too (lifecycle methods, timers), then runs the usual after-render methods.</summary>
    Task IHandleAfterRender.OnAfterRenderAsync()
    {
        _binding?.Commit();
        var firstRender = !_hasCalledOnAfterRender;
        _hasCalledOnAfterRender = true;
        OnAfterRender(firstRender);
        return OnAfterRenderAsync(firstRender);
    }

    /// <summary>Stops following the URL.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the component's resources; override it (and call the base) to release your own.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _binding?.Dispose();
            _binding = null;
        }
    }
}
