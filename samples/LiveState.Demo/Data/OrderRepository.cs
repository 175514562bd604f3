using System.Globalization;

namespace LiveState.Demo.Data;

/// <summary>
/// What is stored for an order. There is deliberately no password here: the checkout's
/// "create an account" password is never persisted.
/// </summary>
public sealed record NewOrder(
    string FullName,
    string Email,
    string Country,
    bool Company,
    string? VatNumber,
    int Quantity,
    string ShippingMethod,
    string PaymentMethod,
    DateOnly DeliveryDate,
    bool Gift,
    string? GiftMessage,
    string? Notes,
    decimal Total,
    bool AccountCreated);

public sealed class OrderRepository(DemoDatabase database)
{
    /// <summary>Stores the order and returns its number, such as <c>LS-10001</c>.</summary>
    public async Task<string> PlaceAsync(NewOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);

        await using var connection = await database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: the next number is read and used under the same write lock.
        await using var transaction = connection.BeginTransaction(deferred: false);

        long next;
        await using (var max = connection.CreateCommand())
        {
            max.Transaction = transaction;
            max.CommandText = "SELECT COALESCE(MAX(id), 0) + 1 FROM orders;";
            next = (long)(await max.ExecuteScalarAsync(cancellationToken))!;
        }

        var number = string.Create(CultureInfo.InvariantCulture, $"LS-{10000 + next}");

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO orders (id, number, placed_at, full_name, email, country, company, vat_number, quantity,
                                    shipping_method, payment_method, delivery_date, gift, gift_message, notes, total, account_created)
                VALUES ($id, $number, $placedAt, $fullName, $email, $country, $company, $vat, $quantity,
                        $shipping, $payment, $deliveryDate, $gift, $giftMessage, $notes, $total, $account);
                """;
            insert.Parameters.AddWithValue("$id", next);
            insert.Parameters.AddWithValue("$number", number);
            insert.Parameters.AddWithValue("$placedAt", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$fullName", order.FullName);
            insert.Parameters.AddWithValue("$email", order.Email);
            insert.Parameters.AddWithValue("$country", order.Country);
            insert.Parameters.AddWithValue("$company", order.Company ? 1 : 0);
            insert.Parameters.AddWithValue("$vat", (object?)order.VatNumber ?? DBNull.Value);
            insert.Parameters.AddWithValue("$quantity", order.Quantity);
            insert.Parameters.AddWithValue("$shipping", order.ShippingMethod);
            insert.Parameters.AddWithValue("$payment", order.PaymentMethod);
            insert.Parameters.AddWithValue("$deliveryDate", order.DeliveryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$gift", order.Gift ? 1 : 0);
            insert.Parameters.AddWithValue("$giftMessage", (object?)order.GiftMessage ?? DBNull.Value);
            insert.Parameters.AddWithValue("$notes", (object?)order.Notes ?? DBNull.Value);
            insert.Parameters.AddWithValue("$total", (double)order.Total);
            insert.Parameters.AddWithValue("$account", order.AccountCreated ? 1 : 0);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return number;
    }
}
