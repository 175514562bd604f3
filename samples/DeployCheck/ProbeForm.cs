using System.ComponentModel.DataAnnotations;

namespace DeployCheck;

/// <summary>The model of the form on the Deploy check page.</summary>
public sealed class ProbeForm
{
    [Required(ErrorMessage = "Name is required.")]
    public string? Name { get; set; }

    [Range(1, 99, ErrorMessage = "Quantity must be between 1 and 99.")]
    public int Quantity { get; set; } = 1;

    public string? Country { get; set; }

    public bool Gift { get; set; }

    public string? Notes { get; set; }

    public DateOnly? DeliveryDate { get; set; }

    public string? GiftMessage { get; set; }

    public string? Password { get; set; }
}
