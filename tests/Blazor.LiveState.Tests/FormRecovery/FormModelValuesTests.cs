using System.Text.Json;
using Blazor.LiveState.Forms;
using Blazor.LiveState.Shared;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Tests.FormRecovery;

/// <summary>Stored form fields set on a [FormRecoveryModel] model before the component's first render.</summary>
public sealed class FormModelValuesTests : BunitContext
{
    public FormModelValuesTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        this.AddLiveState();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Text_number_date_enum_and_checkbox_values_convert_as_the_inputs_convert_them()
    {
        var order = new Order();

        var changed = FormModelValues.Apply(order, "_order",
        [
            Field("name:_order.Name", "v", "Ada"),
            Field("name:_order.Quantity", "v", "7"),
            Field("name:_order.Price", "v", "12.50"),
            Field("name:_order.DeliveryDate", "v", "2026-12-24"),
            Field("name:_order.Size", "r", "Large"),
            Field("name:_order.Gift", "c", true),
            Field("name:_order.Address.Street", "v", "Storgata 1"),
        ]);

        Assert.Equal(7, changed);
        Assert.Equal(("Ada", 7, 12.50m, new DateOnly(2026, 12, 24), Size.Large, true, "Storgata 1"),
            (order.Name, order.Quantity, order.Price, order.DeliveryDate, order.Size, order.Gift, order.Address.Street));
    }

    [Fact]
    public void Only_public_settable_properties_of_simple_types_under_the_model_are_set()
    {
        var order = new Order();

        var changed = FormModelValues.Apply(order, "_order",
        [
            Field("name:_other.Name", "v", "another model"),
            Field("name:_order.ReadOnly", "v", "no setter"),
            Field("name:_order.Address", "v", "an object"),
            Field("name:_order.Tags[0]", "v", "an item"),
            Field("name:_order.Secret", "v", "not public"),
            Field("name:_order.Missing", "v", "no such property"),
            Field("id:name", "v", "named by id"),
            Field("name:_order.", "v", "empty"),
        ]);

        Assert.Equal(0, changed);
        Assert.Null(order.Name);
        Assert.Equal("fixed", order.ReadOnly);
        Assert.Equal("", order.Address.Street);
    }

    [Fact]
    public void A_value_that_does_not_convert_leaves_the_property_to_the_form()
    {
        var order = new Order { Quantity = 2 };

        var changed = FormModelValues.Apply(order, "_order",
        [
            Field("name:_order.Quantity", "v", "seven"),
            Field("name:_order.Quantity", "v", "99999999999999999999"),
            Field("name:_order.Size", "v", "Huge"),
            Field("name:_order.Name", "c", true),
            Field("name:_order.Gift", "v", "[object]"),
            Field("name:_order.DeliveryDate", "m", "2026-12-24"),
        ]);

        Assert.Equal(0, changed);
        Assert.Equal((2, Size.Small, null, false), (order.Quantity, order.Size, order.Name, order.Gift));
    }

    [Fact]
    public void A_value_the_model_already_holds_is_not_counted_and_an_empty_text_leaves_null()
    {
        var order = new Order { Quantity = 7 };

        var changed = FormModelValues.Apply(order, "_order", [Field("name:_order.Quantity", "v", "7"), Field("name:_order.Name", "v", ""), Field("name:_order.DeliveryDate", "v", "")]);

        Assert.Equal(0, changed);
        Assert.Null(order.Name);
        Assert.Null(order.DeliveryDate);
    }

    [Fact]
    public void The_component_renders_its_first_interactive_render_with_the_stored_values()
    {
        JSInterop.SetupFormRecovery();
        JSInterop.Setup<StoredFormField[]?>(LiveStateInterop.Forms.Stored, _ => true)
            .SetResult([Field("name:_order.Name", "v", "Ada"), Field("name:_order.Quantity", "v", "7"), Field("name:_order.Gift", "c", true)]);

        var cut = Render<ModelForm>();

        Assert.Equal("Ada|7|True", cut.Find("#first-render").TextContent);
        Assert.Equal("Ada", cut.Find("#name").GetAttribute("value"));
    }

    [Fact]
    public void A_browser_that_cannot_answer_leaves_the_model_as_the_component_made_it()
    {
        JSInterop.SetupFormRecovery();
        JSInterop.Setup<StoredFormField[]?>(LiveStateInterop.Forms.Stored, _ => true).SetException(new JSException("storage blocked"));

        var cut = Render<ModelForm>();

        Assert.Equal("|1|False", cut.Find("#first-render").TextContent);
    }

    [Fact]
    public async Task The_circuits_first_render_uses_the_answer_asked_for_as_it_opened()
    {
        JSInterop.Setup<StoredFormField[]?>(LiveStateInterop.Forms.Stored, _ => true).SetResult([Field("name:_order.Name", "v", "Ada")]);
        var reader = Services.GetRequiredService<StoredFormReader>();

        await reader.AskForFirstRenderAsync();
        var first = await reader.ReadAsync();

        Assert.Equal("name:_order.Name", Assert.Single(first).Key);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == LiveStateInterop.Forms.Stored);
    }

    [Fact]
    public async Task A_component_bound_after_a_navigation_asks_again_rather_than_take_the_first_pages_answer()
    {
        JSInterop.Setup<StoredFormField[]?>(LiveStateInterop.Forms.Stored, _ => true).SetResult([Field("name:_order.Name", "v", "Ada")]);
        var reader = Services.GetRequiredService<StoredFormReader>();

        await reader.AskForFirstRenderAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/another-page");
        await reader.ReadAsync();

        Assert.Equal(2, JSInterop.Invocations.Count(i => i.Identifier == LiveStateInterop.Forms.Stored));
    }

    [Fact]
    public void Only_an_app_with_a_form_model_asks_for_stored_forms_as_a_circuit_opens()
    {
        Assert.True(new FormModelUsage(() => [typeof(ModelForm).Assembly]).IsDeclared);
        Assert.False(new FormModelUsage(() => [typeof(string).Assembly, typeof(LiveComponentBase).Assembly]).IsDeclared);
    }

    [Fact]
    public void A_model_takes_only_what_its_own_form_stored()
    {
        JSInterop.SetupFormRecovery();
        JSInterop.Setup<StoredFormField[]?>(LiveStateInterop.Forms.Stored, _ => true)
            .SetResult([Field("name:_order.Name", "v", "another form's", form: "Newsletter"), Field("name:_order.Quantity", "v", "7")]);

        var cut = Render<ModelForm>();

        Assert.Equal("|7|False", cut.Find("#first-render").TextContent);
    }

    // "Order": the key <FormRecovery /> gives an EditForm whose model is an Order.
    private static StoredFormField Field(string key, string kind, object value, string form = "Order") =>
        new() { Form = form, Key = key, Kind = kind, Value = JsonSerializer.SerializeToElement(value) };

    public enum Size
    {
        Small,
        Large,
    }

    public sealed class Order
    {
        public string? Name { get; set; }

        public int Quantity { get; set; } = 1;

        public decimal Price { get; set; }

        public DateOnly? DeliveryDate { get; set; }

        public Size Size { get; set; }

        public bool Gift { get; set; }

        public Address Address { get; } = new();

        public string ReadOnly { get; } = "fixed";

        public List<string> Tags { get; } = [];

        internal string? Secret { get; set; }
    }

    public sealed class Address
    {
        public string Street { get; set; } = "";
    }
}
