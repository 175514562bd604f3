using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace LiveState.Demo.Data;

/// <summary>The sort orders of the catalog, as they appear in the sort select.</summary>
public static class CatalogSort
{
    public const string Name = "name";
    public const string PriceAscending = "price-asc";
    public const string PriceDescending = "price-desc";
    public const string Rating = "rating";

    public static bool IsKnown(string? value) =>
        value is Name or PriceAscending or PriceDescending or Rating;
}

/// <summary>What the catalog page asks for.</summary>
public sealed record CatalogQuery(string? Search, string? Category, string Sort, bool InStockOnly, int Page, int PageSize);

/// <summary>One page of results and the number of products that match in all.</summary>
public sealed record CatalogPage(IReadOnlyList<Product> Items, int TotalCount, int Page, int PageCount);

public sealed class CatalogRepository(DemoDatabase database)
{
    // One constant statement for every combination of filters: empty parameters switch a filter off.
    private const string Where = """
        WHERE ($search = '' OR name LIKE $like ESCAPE '\' OR sku LIKE $like ESCAPE '\')
          AND ($category = '' OR category = $category)
          AND ($inStockOnly = 0 OR in_stock = 1)
        """;

    private const string CountSql = "SELECT COUNT(*) FROM products " + Where + ";";

    private const string PageSql = "SELECT id, sku, name, brand, category, price, rating, reviews, in_stock FROM products " + Where + """

        ORDER BY
          CASE WHEN $sort = 'price-asc' THEN price END ASC,
          CASE WHEN $sort = 'price-desc' THEN price END DESC,
          CASE WHEN $sort = 'rating' THEN rating END DESC,
          name COLLATE NOCASE ASC,
          id ASC
        LIMIT $limit OFFSET $offset;
        """;

    public async Task<IReadOnlyList<string>> GetCategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT category FROM products ORDER BY category;";
        var categories = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add(reader.GetString(0));
        }

        return categories;
    }

    public async Task<CatalogPage> SearchAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        await using var connection = await database.OpenAsync(cancellationToken);

        int total;
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = CountSql;
            AddFilters(count, query);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var pageSize = Math.Max(1, query.PageSize);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        await using var select = connection.CreateCommand();
        select.CommandText = PageSql;
        AddFilters(select, query);
        select.Parameters.AddWithValue("$sort", CatalogSort.IsKnown(query.Sort) ? query.Sort : CatalogSort.Name);
        select.Parameters.AddWithValue("$limit", pageSize);
        select.Parameters.AddWithValue("$offset", (page - 1) * pageSize);

        var items = new List<Product>(pageSize);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new Product(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                (decimal)reader.GetDouble(5),
                reader.GetDouble(6),
                reader.GetInt32(7),
                reader.GetInt64(8) != 0));
        }

        return new CatalogPage(items, total, page, pageCount);
    }

    private static void AddFilters(SqliteCommand command, CatalogQuery query)
    {
        var search = query.Search?.Trim() ?? "";
        command.Parameters.AddWithValue("$search", search);
        command.Parameters.AddWithValue("$like", "%" + EscapeLike(search) + "%");
        command.Parameters.AddWithValue("$category", query.Category ?? "");
        command.Parameters.AddWithValue("$inStockOnly", query.InStockOnly ? 1 : 0);
    }

    private static string EscapeLike(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '%' or '_')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
