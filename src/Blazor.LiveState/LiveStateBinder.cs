using Blazor.LiveState.Forms;
using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Blazor.LiveState.UrlState;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState;

/// <summary>
/// Binds the <see cref="UrlStateAttribute"/> and <see cref="TabStateAttribute"/> properties of any
/// component, for components that cannot inherit <see cref="LiveComponentBase"/> (they already have another
/// base class). Injected per circuit.
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
    private readonly Func<TabStateSession> _tabs;
    private readonly Func<StoredFormReader> _storedForms;
    private readonly ITabStateSerializer _serializer;
    private readonly ILogger _logger;

    internal LiveStateBinder(
        LiveComponentMetadataCache metadata,
        UrlStateSynchronizer urls,
        LiveCircuit circuit,
        Func<TabStateSession> tabs,
        Func<StoredFormReader> storedForms,
        ITabStateSerializer serializer,
        ILogger logger)
    {
        _metadata = metadata;
        _urls = urls;
        _circuit = circuit;
        _tabs = tabs;
        _storedForms = storedForms;
        _serializer = serializer;
        _logger = logger;
    }

    /// <summary>
    /// Reads <paramref name="target"/>'s <see cref="UrlStateAttribute"/> properties from the URL and, in an
    /// interactive circuit, restores its <see cref="TabStateAttribute"/> properties (one round trip to the
    /// browser per circuit; while prerendering, only the reload after a crash has them, handed over by the page)
    /// and sets what the tab stored for its forms on its <see cref="FormRecoveryModelAttribute"/> models (the
    /// circuit's first render uses what the page answered as the circuit opened; a component bound later asks
    /// again, at the same time as tab state). From then on it follows the URL: when Back, Forward or a link changes it, the
    /// properties change and <paramref name="onUrlStateChanged"/> runs (re-render there, and reload data that
    /// depends on them).
    /// </summary>
    /// <param name="target">The component (or any object) whose properties carry the attributes.</param>
    /// <param name="onUrlStateChanged">Runs on the circuit's dispatcher after the URL changed the properties.</param>
    /// <param name="key">
    /// Tells apart the tab state of several instances of one component type on a page (an id, say). Default:
    /// <see langword="null"/>, one saved state per component type.
    /// </param>
    /// <returns>The binding; call <see cref="LiveStateBinding.Commit"/> after changes and dispose it with the component.</returns>
    /// <exception cref="InvalidOperationException">A property's type has no converter, or two properties share a key.</exception>
    public Task<LiveStateBinding> BindAsync(object target, Func<Task>? onUrlStateChanged = null, string? key = null) =>
        BindAsync(target, onUrlStateChanged, key, prerenderingInteractive: false);

    /// <summary>As the public overload, knowing whether this is the prerender of a component about to render interactively.</summary>
    internal async Task<LiveStateBinding> BindAsync(object target, Func<Task>? onUrlStateChanged, string? key, bool prerenderingInteractive)
    {
        ArgumentNullException.ThrowIfNull(target);
        var metadata = _metadata.For(target.GetType());
        var interactive = _circuit.IsInteractive;
        var urlState = new UrlStateBinding(target, metadata, _urls, interactive, prerenderingInteractive && !interactive, onUrlStateChanged, _logger);
        urlState.ReadUrl();
        if (interactive)
        {
            _urls.Register(urlState);
        }

        // A prerender restores tab state too when the page that reloaded handed its tab over (after a crash),
        // so the reloaded page's first paint already shows it; it never saves.
        var tabState = metadata.TabProperties.Count > 0 && _tabs() is { CanRestore: true } session
            ? new TabStateBinding(target, metadata.TabProperties, TabStateBinding.EntryKey(metadata.ComponentType, key), session, _serializer, _logger)
            : null;
        // Asked at the same time as tab state: the two round trips overlap.
        var storedForms = interactive && metadata.FormModels.Count > 0 ? _storedForms().ReadAsync() : null;
        if (tabState is not null)
        {
            await tabState.RestoreAsync();
        }

        if (storedForms is not null)
        {
            RestoreFormModels(target, metadata, await storedForms);
        }

        return new LiveStateBinding(urlState, tabState, interactive);
    }

    private void RestoreFormModels(object target, LiveComponentMetadata metadata, IReadOnlyList<StoredFormField> fields)
    {
        if (fields.Count == 0)
        {
            return;
        }

        foreach (var member in metadata.FormModels)
        {
            // A model the component makes in OnInitialized is not there yet: its fields go back through the form.
            if (member.ModelOf(target) is { } model)
            {
                // Only the model's own form: <FormRecovery /> keys an EditForm's snapshot by its model's type (a form
                // given a Key of its own restores through its inputs). Two forms on a page may bind the same names.
                var formKey = model.GetType().Name;
                var count = FormModelValues.Apply(model, member.Name, fields.Where(f => f.Form == formKey));
                FormRecoveryLog.ModelRestored(_logger, member.Name, metadata.ComponentType.Name, count);
            }
        }
    }
}
