using System.ComponentModel.DataAnnotations;

namespace LiveState.Demo.Components.Pages;

/// <summary>Step 1 of the checkout: who is buying and where it goes.</summary>
public sealed class ContactDetails : IValidatableObject
{
    [Required(ErrorMessage = "Enter your full name.")]
    [StringLength(100, ErrorMessage = "The name can be at most 100 characters.")]
    [Display(Name = "Full name")]
    public string? FullName { get; set; }

    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose the country to ship to.")]
    [Display(Name = "Country")]
    public string? Country { get; set; }

    [Display(Name = "Company purchase")]
    public bool Company { get; set; }

    [StringLength(20, ErrorMessage = "A VAT number is at most 20 characters.")]
    [Display(Name = "VAT number")]
    public string? VatNumber { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Company && string.IsNullOrWhiteSpace(VatNumber))
        {
            yield return new ValidationResult("Enter the company's VAT number.", [nameof(VatNumber)]);
        }
    }
}

/// <summary>Step 2 of the checkout: how many, how and when it is delivered, and how it is paid.</summary>
public sealed class DeliveryDetails : IValidatableObject
{
    [Range(1, 20, ErrorMessage = "Order between 1 and 20 pairs.")]
    [Display(Name = "Quantity")]
    public int Quantity { get; set; } = 1;

    [Required(ErrorMessage = "Choose a shipping method.")]
    [Display(Name = "Shipping method")]
    public string? ShippingMethod { get; set; } = "standard";

    [Required(ErrorMessage = "Choose a delivery date.")]
    [Display(Name = "Delivery date")]
    public DateOnly? DeliveryDate { get; set; }

    [Required(ErrorMessage = "Choose how to pay.")]
    [Display(Name = "Payment")]
    public string? PaymentMethod { get; set; } = "card";

    [Display(Name = "This is a gift")]
    public bool Gift { get; set; }

    [StringLength(200, ErrorMessage = "A gift message is at most 200 characters.")]
    [Display(Name = "Gift message")]
    public string? GiftMessage { get; set; }

    [StringLength(500, ErrorMessage = "Notes are at most 500 characters.")]
    [Display(Name = "Notes")]
    public string? Notes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        if (DeliveryDate is { } date && (date <= today || date > today.AddDays(90)))
        {
            yield return new ValidationResult("Choose a delivery date from tomorrow up to 90 days ahead.", [nameof(DeliveryDate)]);
        }

        if (Gift && string.IsNullOrWhiteSpace(GiftMessage))
        {
            yield return new ValidationResult("Write a message for the gift card.", [nameof(GiftMessage)]);
        }
    }
}

/// <summary>Step 3 of the checkout. The password only creates an account; it is never stored by the demo.</summary>
public sealed class ReviewDetails
{
    [MinLength(8, ErrorMessage = "Use at least 8 characters, or leave it empty to check out as a guest.")]
    [Display(Name = "Password")]
    public string? Password { get; set; }
}
