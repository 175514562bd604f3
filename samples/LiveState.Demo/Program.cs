using LiveState.Demo;
using LiveState.Demo.Components;
using LiveState.Demo.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

// Running the build output (dotnet bin/…/App.dll) in the Production environment serves static web
// assets from other folders (_framework, scoped CSS, packages' _content) only when asked for.
// The tests and benchmarks run published builds, which have no such manifest: there it does nothing.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

// A demo sign-in (a name, no password): tab state is sealed to the signed-in user.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.Cookie.Name = "LiveState.Demo.User";
        o.LoginPath = "/account/sign-in";
    });
builder.Services.AddAuthorization();
builder.Services.AddCascadingAuthenticationState();

// Multi-instance mode: with Demo:Redis set, every instance shares tab state and Data Protection keys
// through Redis, so a page can move to any instance (docs/deploy-playbook.md).
var redis = builder.Configuration["Demo:Redis"];
var multiInstance = !string.IsNullOrWhiteSpace(redis);

// Every kit option can also come from configuration (appsettings.json, LiveState__… variables).
builder.Services.AddLiveState(o =>
{
    builder.Configuration.GetSection("LiveState").Bind(o);
    if (multiInstance)
    {
        o.TabState.Storage = Blazor.LiveState.TabStateStorage.DistributedCache;
    }
});

var dataDirectory = DemoDatabase.ResolveDataDirectory(builder.Configuration, builder.Environment);
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("LiveState.Demo");
if (multiInstance)
{
    builder.Services.AddStackExchangeRedisCache(o =>
    {
        o.Configuration = redis;
        o.InstanceName = "LiveState.Demo:";
    });
    dataProtection.PersistKeysToStackExchangeRedis(ConnectionMultiplexer.Connect(redis!), "LiveState.Demo:DataProtection-Keys");
}
else
{
    // Every process of the app (a restart, the next version during a deploy) must read the cookies
    // and state protected by the previous one, so the keys live outside the process.
    var keysPath = builder.Configuration["Demo:DataProtectionKeysPath"];
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(string.IsNullOrWhiteSpace(keysPath) ? Path.Combine(dataDirectory, "keys") : keysPath));
}

// Orchestrators read readiness from health checks: the kit's check turns unhealthy while the app drains.
builder.Services.AddHealthChecks().AddLiveStateReadiness();

builder.Services.AddSingleton<ServerInstance>();
builder.Services.AddSingleton<LiveStateTelemetryFeed>();
builder.Services.AddSingleton(new DemoDatabase(dataDirectory));
builder.Services.AddSingleton<CatalogRepository>();
builder.Services.AddSingleton<ChatRepository>();
builder.Services.AddSingleton<OrderRepository>();

var app = builder.Build();

app.Services.GetRequiredService<DemoDatabase>().Initialize();
// Listening from the start, so the telemetry page shows what happened before anyone opened it.
app.Services.GetRequiredService<LiveStateTelemetryFeed>();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

// No HTTPS redirection or HSTS: the demo runs on plain http behind tests and local proxies.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

// A form post from the layout, with its antiforgery token: a cross-site POST without one is refused (400).
app.MapPost("/account/sign-out", async (HttpContext context, IAntiforgery antiforgery) =>
{
    if (!await antiforgery.IsRequestValidAsync(context))
    {
        return Results.BadRequest();
    }

    await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    return Results.LocalRedirect("~/");
});

app.MapLiveState();
app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });

app.Run();
