using System.IO.Compression;
using Blazor.LiveState.DeployHarness;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>
/// The packed Blazor.LiveState package in a project of its own, outside the repository, as a user installs it:
/// the analyzers come with the package and report a mistake in a .razor file at its line there.
/// </summary>
public sealed class PackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void The_package_brings_the_analyzers_and_they_report_a_razor_mistake_at_its_razor_line()
    {
        var root = Directory.CreateTempSubdirectory("livestate-analyzer-package-").FullName;
        try
        {
            var packages = Path.Combine(root, "packages");
            var package = Pack(Path.Combine(root, "feed"), packages);
            using (var zip = ZipFile.OpenRead(package))
            {
                Assert.Contains(zip.Entries, e => e.FullName == "analyzers/dotnet/cs/Blazor.LiveState.Analyzers.dll");
            }

            var project = CreateConsumer(root, package);
            var output = Dotnet(project, packages, "build", "-nologo", "-v", "q");

            Assert.Contains($"{Path.Combine("Components", "Catalog.razor")}(6,27): warning LIVESTATE001: [UrlState] on 'Catalog.Page' does nothing", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Pager.razor", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_package_ships_ReadyToRun_images_of_its_own_IL_for_the_server_platforms()
    {
        var root = Directory.CreateTempSubdirectory("livestate-readytorun-package-").FullName;
        try
        {
            var package = Pack(Path.Combine(root, "feed"), Path.Combine(root, "packages"));
            using var zip = ZipFile.OpenRead(package);
            var il = Image(zip, "lib/net10.0/Blazor.LiveState.dll");
            Assert.False(il.IsReadyToRun, "lib/ holds IL only: it runs anywhere.");

            // The PE machine of a ReadyToRun image: the architecture, XOR an operating system's mark (none for Windows).
            const int Amd64 = 0x8664, Arm64 = 0xAA64, Linux = 0x7B79;
            foreach (var (runtime, machine) in new[] { ("linux-x64", Amd64 ^ Linux), ("linux-arm64", Arm64 ^ Linux), ("win-x64", Amd64) })
            {
                var image = Image(zip, $"runtimes/{runtime}/lib/net10.0/Blazor.LiveState.dll");
                Assert.True(image.IsReadyToRun, $"{runtime}: no ReadyToRun code.");
                Assert.Equal(machine, image.Machine);
                // Made from the very assembly lib/ ships, so the symbols of the package fit it.
                Assert.Equal(il.Mvid, image.Mvid);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed record PackedImage(bool IsReadyToRun, int Machine, Guid Mvid);

    private static PackedImage Image(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(path);
        Assert.True(entry is not null, $"The package has no {path}.");
        using var bytes = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(bytes);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return new PackedImage(
            pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0,
            (int)pe.PEHeaders.CoffHeader.Machine,
            metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
    }

    /// <summary>Packs the library as built (the test run builds it first) and returns the .nupkg.</summary>
    private static string Pack(string feed, string packages)
    {
        Dotnet(RepositoryRoot.Path, packages, "pack", "src/Blazor.LiveState/Blazor.LiveState.csproj", "-c", Configuration, "--no-build", "-o", feed, "-nologo", "-v", "q");
        return Directory.GetFiles(feed, "Blazor.LiveState.*.nupkg").Single(f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
    }

    /// <summary>A Razor class library that references the package: one component with a mistake, one without.</summary>
    private static string CreateConsumer(string root, string package)
    {
        var version = Path.GetFileNameWithoutExtension(package)["Blazor.LiveState.".Length..];
        var project = Path.Combine(root, "Consumer");
        Directory.CreateDirectory(Path.Combine(project, "Components"));
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="blazor-livestate-local" value="{Path.GetDirectoryName(package)}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Razor">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="Blazor.LiveState" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Components", "Catalog.razor"), """
            @page "/catalog"
            @using Blazor.LiveState

            <p>Page @Page</p>
            @code {
                [UrlState] public int Page { get; set; } = 1;
            }
            """);
        File.WriteAllText(Path.Combine(project, "Components", "Pager.razor"), """
            @page "/pager"
            @inherits LiveComponentBase
            @using Blazor.LiveState

            <p>Page @Page</p>
            @code {
                [UrlState] public int Page { get; set; } = 1;
            }
            """);
        return project;
    }

    /// <summary>
    /// Runs dotnet with a packages folder of its own: the package's version does not change between builds of
    /// it, so a shared cache would serve an older copy.
    /// </summary>
    private static string Dotnet(string directory, string packages, params string[] args) =>
        ExternalCommand.Run("dotnet", args, directory, new Dictionary<string, string>
        {
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["NUGET_PACKAGES"] = packages,
        });
}
