namespace LiveState.Demo.Data;

public sealed record Product(
    int Id,
    string Sku,
    string Name,
    string Brand,
    string Category,
    decimal Price,
    double Rating,
    int Reviews,
    bool InStock);
