using Microsoft.Data.Sqlite;

namespace LiveState.Demo.Data;

/// <summary>
/// The demo's SQLite database (<c>demo.db</c> in <c>Demo:DataDirectory</c>): opens connections and,
/// on first run, creates the schema and the seed data.
/// </summary>
public sealed class DemoDatabase
{
    private readonly string _connectionString;

    public DemoDatabase(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, "demo.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Two processes share the file during a deploy; wait for the other's write instead of failing.
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Reads <c>Demo:DataDirectory</c>; the default is <c>App_Data</c> under the content root.
    /// </summary>
    public static string ResolveDataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var configured = configuration["Demo:DataDirectory"];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data")
            : Path.GetFullPath(configured, environment.ContentRootPath);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Creates the schema and seeds it when the database is new. Safe when two processes start at once:
    /// the check and the seed run in one immediate (write-locking) transaction.
    /// </summary>
    public void Initialize()
    {
        using var connection = Open();

        using (var wal = connection.CreateCommand())
        {
            // WAL lets the old and the new process read while the other writes.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);

        using (var schema = connection.CreateCommand())
        {
            schema.Transaction = transaction;
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
        }

        using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = "SELECT COUNT(*) FROM products;";
            if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                SeedData.Seed(connection, transaction, DateTimeOffset.UtcNow);
            }
        }

        transaction.Commit();
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS products (
            id          INTEGER PRIMARY KEY,
            sku         TEXT    NOT NULL UNIQUE,
            name        TEXT    NOT NULL,
            brand       TEXT    NOT NULL,
            category    TEXT    NOT NULL,
            price       REAL    NOT NULL,
            rating      REAL    NOT NULL,
            reviews     INTEGER NOT NULL,
            in_stock    INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_products_category ON products (category);

        CREATE TABLE IF NOT EXISTS channels (
            id          INTEGER PRIMARY KEY,
            name        TEXT    NOT NULL UNIQUE,
            topic       TEXT    NOT NULL,
            sort_order  INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS messages (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            channel_id  INTEGER NOT NULL REFERENCES channels (id),
            author      TEXT    NOT NULL,
            body        TEXT    NOT NULL,
            sent_at     INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_messages_channel ON messages (channel_id, id);

        CREATE TABLE IF NOT EXISTS read_markers (
            channel_id           INTEGER PRIMARY KEY REFERENCES channels (id),
            last_read_message_id INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS orders (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            number           TEXT    NOT NULL UNIQUE,
            placed_at        INTEGER NOT NULL,
            full_name        TEXT    NOT NULL,
            email            TEXT    NOT NULL,
            country          TEXT    NOT NULL,
            company          INTEGER NOT NULL,
            vat_number       TEXT,
            quantity         INTEGER NOT NULL,
            shipping_method  TEXT    NOT NULL,
            payment_method   TEXT    NOT NULL,
            delivery_date    TEXT    NOT NULL,
            gift             INTEGER NOT NULL,
            gift_message     TEXT,
            notes            TEXT,
            total            REAL    NOT NULL,
            account_created  INTEGER NOT NULL
        );
        """;
}
