using System.Globalization;
using Blazor.LiveState.Analyzers.Tests.Infrastructure;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>LIVESTATE001: [UrlState] or [TabState] on a component that nothing binds.</summary>
public sealed class UnboundComponentTests
{
    [Fact]
    public Task UrlState_on_a_ComponentBase_component_is_reported() => TestProject.App("""
        public class Catalog : ComponentBase
        {
            [UrlState] public int {|LIVESTATE001:Page|} { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task TabState_on_a_ComponentBase_component_is_reported() => TestProject.App("""
        public class Wizard : ComponentBase
        {
            [TabState] public int {|LIVESTATE001:Step|} { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public async Task The_message_names_the_attribute_the_property_and_the_component()
    {
        var diagnostics = await TestProject.App("""
            public class Catalog : ComponentBase
            {
                [UrlState(Name = "q")] public string Search { get; set; } = "";
            }
            """).AnalyzeAsync();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            "[UrlState] on 'Catalog.Search' does nothing: 'Catalog' neither inherits LiveComponentBase nor is bound with LiveStateBinder.BindAsync",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("https://github.com/blazor-livestate/Blazor.LiveState/blob/main/docs/analyzers.md#livestate001", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public Task Component_inheriting_LiveComponentBase_is_not_reported() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
            [TabState] public List<string> Compare { get; set; } = [];
        }
        """).VerifyAsync();

    [Fact]
    public Task Component_inheriting_LiveComponentBase_through_its_own_base_is_not_reported() => TestProject.App("""
        public abstract class AppComponentBase : LiveComponentBase;

        public class Catalog : AppComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task Component_that_binds_itself_with_LiveStateBinder_is_not_reported() => TestProject.App("""
        public class Pager : ComponentBase, IDisposable
        {
            private LiveStateBinding? _state;

            [Inject] private LiveStateBinder LiveState { get; set; } = default!;

            [UrlState] public int Page { get; set; } = 1;

            public override async Task SetParametersAsync(ParameterView parameters)
            {
                _state ??= await LiveState.BindAsync(this, onUrlStateChanged: () => InvokeAsync(StateHasChanged));
                await base.SetParametersAsync(parameters);
            }

            public void Dispose() => _state?.Dispose();
        }
        """).VerifyAsync();

    [Fact]
    public Task Base_component_whose_subclass_binds_itself_is_not_reported() => TestProject.App("""
        public class PagedList : ComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }

        public class Orders : PagedList
        {
            [Inject] private LiveStateBinder LiveState { get; set; } = default!;

            protected override async Task OnInitializedAsync() => await LiveState.BindAsync(this);
        }
        """).VerifyAsync();

    [Fact]
    public Task Component_that_injects_the_binder_but_never_binds_is_reported() => TestProject.App("""
        public class Pager : ComponentBase
        {
            [Inject] private LiveStateBinder LiveState { get; set; } = default!;

            [UrlState] public int {|LIVESTATE001:Page|} { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task Binding_another_component_type_does_not_count_for_this_one() => TestProject.App("""
        public class Bound : ComponentBase
        {
            [Inject] private LiveStateBinder LiveState { get; set; } = default!;

            [UrlState] public int Page { get; set; } = 1;

            protected override Task OnInitializedAsync() => LiveState.BindAsync(this);
        }

        public class Forgotten : ComponentBase
        {
            [UrlState] public string {|LIVESTATE001:Search|} { get; set; } = "";
        }
        """).VerifyAsync();

    [Fact]
    public Task BindAsync_of_a_target_typed_object_may_bind_anything_so_nothing_is_reported() => TestProject.App("""
        public class Catalog : ComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }

        public static class Binding
        {
            public static Task<LiveStateBinding> BindAny(LiveStateBinder binder, object target) => binder.BindAsync(target);
        }
        """).VerifyAsync();

    [Fact]
    public Task BindAsync_of_a_base_class_typed_target_counts_for_every_component_derived_from_it() => TestProject.App("""
        public class Catalog : ComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }

        public static class Binding
        {
            public static Task<LiveStateBinding> Bind(LiveStateBinder binder, ComponentBase component) => binder.BindAsync(component);
        }
        """).VerifyAsync();

    [Fact]
    public Task BindAsync_used_as_a_method_group_may_bind_anything_so_nothing_is_reported() => TestProject.App("""
        public class Catalog : ComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }

        public static class Binding
        {
            public static Func<object, Func<Task>?, string?, Task<LiveStateBinding>> Binder(LiveStateBinder binder) => binder.BindAsync;
        }
        """).VerifyAsync();

    [Fact]
    public Task A_plain_class_that_is_not_a_component_is_not_reported() => TestProject.App("""
        public class Filters
        {
            [UrlState] public string Search { get; set; } = "";
        }
        """).VerifyAsync();

    [Fact]
    public Task A_public_component_in_a_library_is_not_reported_since_another_project_may_derive_and_bind_it() => TestProject.Library("""
        public class PagedList : ComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task A_page_an_internal_or_a_sealed_component_in_a_library_is_reported() => TestProject.Library("""
        [Route("/catalog")]
        public class Catalog : ComponentBase
        {
            [UrlState] public int {|LIVESTATE001:Page|} { get; set; } = 1;
        }

        internal class Pager : ComponentBase
        {
            [UrlState] public int {|LIVESTATE001:Page|} { get; set; } = 1;
        }

        public sealed class Tabs : ComponentBase
        {
            [TabState] public string {|LIVESTATE001:Selected|} { get; set; } = "";
        }
        """).VerifyAsync();

    [Fact]
    public Task A_base_class_from_a_library_built_on_the_kit_may_bind_so_nothing_is_reported() => TestProject.App("""
        public class Catalog : Company.CompanyComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }
        """).WithLibrary("Company.Components", """
        namespace Company;

        public abstract class CompanyComponentBase : ComponentBase
        {
            [Inject] private LiveStateBinder LiveState { get; set; } = default!;

            protected override Task OnInitializedAsync() => LiveState.BindAsync(this);
        }
        """).VerifyAsync();

    [Fact]
    public Task A_base_class_from_a_library_that_does_not_know_the_kit_is_no_excuse() => TestProject.App("""
        public class Catalog : Vendor.VendorComponentBase
        {
            [UrlState] public int {|LIVESTATE001:Page|} { get; set; } = 1;
        }
        """).WithLibrary("Vendor.Components", """
        namespace Vendor;

        public abstract class VendorComponentBase : Microsoft.AspNetCore.Components.ComponentBase;
        """).VerifyAsync();
}
