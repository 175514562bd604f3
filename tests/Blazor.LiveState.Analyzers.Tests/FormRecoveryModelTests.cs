using System.Globalization;
using Blazor.LiveState.Analyzers.Tests.Infrastructure;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>
/// LIVESTATE008 and 009: a [FormRecoveryModel] member the kit cannot read, or whose model it never fills; and
/// LIVESTATE001 for a form model on a component nothing binds.
/// </summary>
public sealed class FormRecoveryModelTests
{
    private const string Order = """

        public sealed class Order
        {
            public string Name { get; set; } = "";
        }
        """;

    [Fact]
    public Task Model_field_and_getter_property_on_a_LiveComponentBase_are_not_reported() => TestProject.App("""
        public class Checkout : LiveComponentBase
        {
            [FormRecoveryModel] private readonly Order _order = new();
            [FormRecoveryModel] private Order Billing { get; } = new();
        }
        """ + Order).VerifyAsync();

    [Fact]
    public Task Property_without_a_getter_is_reported() => TestProject.App("""
        public class Checkout : LiveComponentBase
        {
            [FormRecoveryModel] private Order {|LIVESTATE008:Model|} { set { } }
        }
        """ + Order).VerifyAsync();

    [Fact]
    public Task Static_member_is_reported() => TestProject.App("""
        public class Checkout : LiveComponentBase
        {
            [FormRecoveryModel] private static readonly Order {|LIVESTATE009:s_order|} = new();
        }
        """ + Order).VerifyAsync();

    [Fact]
    public async Task Struct_model_is_reported_because_the_kit_fills_a_copy()
    {
        var diagnostics = await TestProject.App("""
            public class Checkout : LiveComponentBase
            {
                [FormRecoveryModel] private Point _point;
            }

            public struct Point
            {
                public int X { get; set; }
            }
            """).AnalyzeAsync();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LIVESTATE009", diagnostic.Id);
        Assert.Equal(
            "[FormRecoveryModel] on '_point' does nothing: 'Point' is a value type, read as a copy, so the values set on it are lost; make the model a class",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Model_of_a_type_parameter_is_not_reported() => TestProject.App("""
        public class EditPage<TModel> : LiveComponentBase where TModel : new()
        {
            [FormRecoveryModel] private readonly TModel _model = new();
        }
        """).VerifyAsync();

    [Fact]
    public async Task Model_on_a_component_nothing_binds_is_reported_as_unbound()
    {
        var diagnostics = await TestProject.App("""
            public class Checkout : ComponentBase
            {
                [FormRecoveryModel] private readonly Order _order = new();
            }
            """ + Order).AnalyzeAsync();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LIVESTATE001", diagnostic.Id);
        Assert.Equal(
            "[FormRecoveryModel] on 'Checkout._order' does nothing: 'Checkout' neither inherits LiveComponentBase nor is bound with LiveStateBinder.BindAsync",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Model_on_a_component_that_binds_itself_is_not_reported() => TestProject.App("""
        public class Checkout : ComponentBase
        {
            [Inject] private LiveStateBinder LiveState { get; set; } = default!;

            [FormRecoveryModel] private readonly Order _order = new();

            protected override async Task OnInitializedAsync() => await LiveState.BindAsync(this);
        }
        """ + Order).VerifyAsync();
}
