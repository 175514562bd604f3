using LiveState.Demo;
using LiveState.Demo.Components;
using LiveState.Demo.Data;
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

// Running the build output (dotnet bin/…/App.dll) in the Production environment serves static web
// assets from other folders (_framework, scoped CSS, packages' _content) only when asked for.
// The tests and benchmarks run published builds, which have no such manifest: there it does nothing.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

// Every kit option can also come from configuration (appsettings.json, LiveState__… variables).
builder.Services.AddLiveState(o => builder.Configuration.GetSection("LiveState").Bind(o));

var dataDirectory = DemoDatabase.ResolveDataDirectory(builder.Configuration, builder.Environment);

// Every process of the app (a restart, the next version during a deploy) must read the cookies
// and circuit state protected by the previous one, so the keys live outside the process.
var keysPath = builder.Configuration["Demo:DataProtectionKeysPath"];
if (string.IsNullOrWhiteSpace(keysPath))
{
    keysPath = Path.Combine(dataDirectory, "keys");
}

builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(new DirectoryInfo(keysPath))
    .SetApplicationName("LiveState.Demo");

builder.Services.AddSingleton<ServerInstance>();
builder.Services.AddSingleton(new DemoDatabase(dataDirectory));
builder.Services.AddSingleton<CatalogRepository>();
builder.Services.AddSingleton<ChatRepository>();
builder.Services.AddSingleton<OrderRepository>();

var app = builder.Build();

app.Services.GetRequiredService<DemoDatabase>().Initialize();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

// No HTTPS redirection or HSTS: the demo runs on plain http behind tests and local proxies.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.MapLiveState();

app.Run();
