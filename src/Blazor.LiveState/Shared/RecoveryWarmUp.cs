using System.Text.Json;
using Blazor.LiveState.Forms;
using Blazor.LiveState.TabState;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Shared;

/// <summary>
/// Runs, once per process and in the background, the kit's code that only a recovering page needs: reading a
/// reload's hand-off, opening sealed tab state, setting stored form values on a model. It starts when the first
/// page in an outage hears that this instance is ready (<see cref="Reconnect.ReadinessEndpoint"/>): that page
/// is about to check its address and reload, and while the server renders the check, a second core compiles
/// these methods. Otherwise a process that has just started after a crash compiles them inside the reloaded
/// page's request and its first render: on the deploy-check page, reading the hand-off and setting the form values
/// took 14–24 ms there, and 4–8 ms with the warm-up.
/// </summary>
/// <remarks>
/// Only made-up data and the kit's own types: nothing of the app runs, nothing is stored, and a failure (a key
/// ring that cannot be read, say) is logged at Debug and changes nothing; the page's own restore reports it.
/// </remarks>
internal sealed class RecoveryWarmUp(TabStateSeal seal, AppBuild build, ILogger<RecoveryWarmUp> logger)
{
    private const string EntryKey = "Blazor.LiveState.WarmUp";

    private static readonly TabIdentity MadeUpTab = new("warm-up-tab-0000000000000", User: "");

    private Task? _running;

    /// <summary>The warm-up, once <see cref="Begin"/> has started it.</summary>
    internal Task? Running => Volatile.Read(ref _running);

    /// <summary>Starts the warm-up on the thread pool, unless it has already started; returns at once.</summary>
    public void Begin()
    {
        if (Running is not null)
        {
            return;
        }

        // Only the caller that publishes the task starts it: two first probes at once start one warm-up.
        var warmUp = new Task(Run);
        if (Interlocked.CompareExchange(ref _running, warmUp, null) is null)
        {
            warmUp.Start(TaskScheduler.Default);
        }
    }

    private void Run()
    {
        try
        {
            ReadHandoff();
            OpenSealedState();
            SetFormModel();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never more than Debug: the page's own restore runs the same code and reports what goes wrong there.
            LiveStateLog.WarmUpFailed(logger, e);
        }
    }

    private static void ReadHandoff()
    {
        var content = new ReloadHandoff.CookieContent
        {
            Version = 1,
            Id = MadeUpTab.TabId,
            Entries = new() { [EntryKey] = "sealed" },
            Withheld = [],
        };
        var cookie = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(content, ReloadHandoffJsonContext.Default.CookieContent));
        Expect(ReloadHandoff.Parse(cookie, out _) is not null, "the made-up hand-off did not parse");
    }

    private void OpenSealedState()
    {
        var sealedState = seal.Seal(MadeUpTab, EntryKey, build.Version, new Dictionary<string, byte[]> { ["value"] = [1] });
        Expect(seal.Unseal(MadeUpTab, EntryKey, sealedState, TimeSpan.FromMinutes(1)).Failure is null, "the made-up state did not open");
    }

    private static void SetFormModel()
    {
        // As the browser sends them: the value is JSON.
        StoredFormField Field(string name, string kind, string json)
        {
            using var value = JsonDocument.Parse(json);
            return new()
            {
                Form = nameof(MadeUpForm),
                Key = StoredFormField.NamePrefix + "model." + name,
                Kind = kind,
                Value = value.RootElement.Clone(),
            };
        }

        var set = FormModelValues.Apply(new MadeUpForm(), "model",
        [
            Field(nameof(MadeUpForm.Text), StoredFormField.ValueKind, "\"text\""),
            Field(nameof(MadeUpForm.Number), StoredFormField.ValueKind, "\"7\""),
            Field(nameof(MadeUpForm.Day), StoredFormField.ValueKind, "\"2026-12-24\""),
            Field(nameof(MadeUpForm.Checked), StoredFormField.CheckboxKind, "true"),
            Field(nameof(MadeUpForm.Address) + "." + nameof(MadeUpAddress.Street), StoredFormField.ValueKind, "\"nested\""),
        ]);
        Expect(set == 5, $"{set} of 5 made-up form values were set");
    }

    // Each step checks what it did, so that a change that breaks one shows as a logged failure, not as silence.
    private static void Expect(bool done, string otherwise)
    {
        if (!done)
        {
            throw new InvalidOperationException(otherwise);
        }
    }

    /// <summary>A form model with the kinds of values forms bind most.</summary>
    private sealed class MadeUpForm
    {
        public string? Text { get; set; }

        public int Number { get; set; }

        public DateOnly? Day { get; set; }

        public bool Checked { get; set; }

        public MadeUpAddress Address { get; set; } = new();
    }

    /// <summary>A nested part of <see cref="MadeUpForm"/>: bound as <c>model.Address.Street</c>.</summary>
    private sealed class MadeUpAddress
    {
        public string? Street { get; set; }
    }
}
