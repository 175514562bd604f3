using Blazor.LiveState.Binding;
using Blazor.LiveState.UrlState;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState;

/// <summary>
/// Binds the <see cref="UrlStateAttribute"/> properties of any component, for components that cannot
/// inherit <see cref="LiveComponentBase"/> (they already have another base class). Injected per circuit.
/// </summary>
/// <example>
/// <code>
/// @inherits MyCompanyComponentBase
/// @implements IDisposable
/// @inject LiveStateBinder LiveState
///
/// @code {
///     private LiveStateBinding? _state;
///
///     [UrlState] public int Page { get; set; } = 1;
///
///     public override async Task SetParametersAsync(ParameterView parameters)
///     {
///         // Before the first render, so it never shows the defaults.
///         _state ??= await LiveState.BindAsync(this, onUrlStateChanged: () => InvokeAsync(StateHasChanged));
///         await base.SetParametersAsync(parameters);
///     }
///
///     protected override void OnAfterRender(bool firstRender) => _state?.Commit();
///
///     public void Dispose() => _state?.Dispose();
/// }
/// </code>
/// </example>
public sealed class LiveStateBinder
{
    private readonly LiveComponentMetadataCache _metadata;
    private readonly UrlStateSynchronizer _urls;
    private readonly LiveCircuit _circuit;
    private readonly IOptions<LiveStateOptions> _options;
    private readonly ILogger<LiveStateBinder> _logger;

    internal LiveStateBinder(LiveComponentMetadataCache metadata, UrlStateSynchronizer urls, LiveCircuit circuit, IOptions<LiveStateOptions> options, ILogger<LiveStateBinder> logger)
    {
        _metadata = metadata;
        _urls = urls;
        _circuit = circuit;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Reads <paramref name="target"/>'s live-state properties from the URL now, and follows the URL from
    /// then on: when Back, Forward or a link changes it, the properties change and
    /// <paramref name="onUrlStateChanged"/> runs (re-render there, and reload data that depends on them).
    /// </summary>
    /// <param name="target">The component (or any object) whose properties carry the attributes.</param>
    /// <param name="onUrlStateChanged">Runs on the circuit's dispatcher after the URL changed the properties.</param>
    /// <returns>The binding; call <see cref="LiveStateBinding.Commit"/> after changes and dispose it with the component.</returns>
    /// <exception cref="InvalidOperationException">A property's type has no converter, or two properties share a key.</exception>
    public Task<LiveStateBinding> BindAsync(object target, Func<Task>? onUrlStateChanged = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var binding = new LiveStateBinding(target, _metadata.For(target.GetType()), _urls, _options, _circuit.IsInteractive, onUrlStateChanged, _logger);
        binding.ReadUrl();
        if (binding.IsInteractive)
        {
            _urls.Register(binding);
        }

        return Task.FromResult(binding);
    }
}
