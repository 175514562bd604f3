using Microsoft.AspNetCore.DataProtection;
using StockApp;
using StockApp.Components;

var builder = WebApplication.CreateBuilder(args);

// Running the build output (dotnet bin/…/App.dll) in the Production environment serves static web
// assets from other folders (_framework, scoped CSS, packages' _content) only when asked for.
// The tests and benchmarks run published builds, which have no such manifest: there it does nothing.
builder.WebHost.UseStaticWebAssets();

// Add services to the container.
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

builder.Services.AddSingleton<ServerInstance>();

#if WITH_LIVESTATE
// The stock-kit build (StockApp.csproj): the kit installed as its README says, and not used by any page.
builder.Services.AddLiveState();
#endif

// Restarted processes must read what the previous one protected (antiforgery, circuit descriptors).
var keysPath = builder.Configuration["Demo:DataProtectionKeysPath"];
if (!string.IsNullOrWhiteSpace(keysPath))
{
    builder.Services.AddDataProtection()
        .PersistKeysToFileSystem(new DirectoryInfo(keysPath))
        .SetApplicationName("StockApp");
}

var app = builder.Build();

// Configure the HTTP request pipeline.
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

// No HTTPS redirection or HSTS: the benchmark drives the app over plain http on 127.0.0.1.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
#if WITH_LIVESTATE
app.MapLiveState();
#endif

app.Run();
