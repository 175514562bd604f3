using System.Reflection;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Shared;

/// <summary>
/// The build version this process reports to browsers, resolved once from the options.
/// </summary>
internal sealed class AppBuild(IOptions<LiveStateOptions> options)
{
    private readonly Lazy<string> _version = new(() => options.Value.BuildVersion ?? BuildVersion.Of(Assembly.GetEntryAssembly()));

    /// <summary>The version string, for example <c>1.4.0+3f2c1a9</c>.</summary>
    public string Version => _version.Value;
}
