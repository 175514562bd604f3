using System.Xml.Linq;
using Blazor.LiveState.TabState;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Blazor.LiveState.Tests.TabState;

/// <summary>
/// An app's Data Protection with a key ring of its own, kept in memory (no file, no $HOME): what each
/// process has when keys are not persisted, or what two instances have when they do not share them.
/// </summary>
internal sealed class KeyRingApp : IDisposable
{
    private readonly MemoryKeyRepository _repository = new();
    private readonly ServiceProvider _services;

    public KeyRingApp()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("LiveState.Tests");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = _repository);
        _services = services.BuildServiceProvider();
        // The key ring makes its first key when something is first protected.
        Provider.CreateProtector("warm-up").Protect([1]);
    }

    public IDataProtectionProvider Provider => _services.GetRequiredService<IDataProtectionProvider>();

    public IKeyManager KeyManager => _services.GetRequiredService<IKeyManager>();

    public Guid KeyId => KeyManager.GetAllKeys().Single().KeyId;

    public TabStateSeal Seal(TimeProvider time) => new(Provider, time, new SealingKeys(Provider, time, KeyManager));

    public void Dispose() => _services.Dispose();

    private sealed class MemoryKeyRepository : IXmlRepository
    {
        private readonly List<XElement> _elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_elements)
            {
                return [.. _elements.Select(e => new XElement(e))];
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_elements)
            {
                _elements.Add(new XElement(element));
            }
        }
    }
}
