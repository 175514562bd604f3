using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LiveState.Demo.Data;

/// <summary>
/// The first-run content of the demo database: a product catalog generated from a fixed seed
/// (the same 200 products on every machine) and a team chat with some unread messages.
/// </summary>
internal static class SeedData
{
    public const int ProductCount = 200;

    private static readonly string[] _brands =
    [
        "Nordlys", "Fjellbeck", "Aurora", "Kestrel", "Halden", "Lumen", "Skagen Labs", "Vesper", "Tundra", "Solberg",
    ];

    private static readonly (string Name, string Code, string[] Nouns, double MinPrice, double MaxPrice)[] _categories =
    [
        ("Audio", "AUD", ["Wireless Headphones", "ANC Earbuds", "Bookshelf Speakers", "Portable Speaker", "Studio Monitor", "Soundbar", "USB Microphone"], 39, 449),
        ("Computers", "CMP", ["Ultrabook", "Mini PC", "Workstation Laptop", "Chromebook", "2-in-1 Tablet"], 399, 2499),
        ("Displays", "DSP", ["27\" 4K Monitor", "24\" IPS Monitor", "34\" Ultrawide", "Portable Monitor", "32\" QHD Monitor"], 149, 1199),
        ("Home Office", "HOF", ["Standing Desk", "Ergonomic Chair", "Monitor Arm", "Desk Lamp", "Under-desk Drawer", "Footrest"], 19, 899),
        ("Networking", "NET", ["Wi-Fi 6 Router", "Mesh System", "8-Port Switch", "Powerline Adapter", "Travel Router"], 29, 449),
        ("Cameras", "CAM", ["Mirrorless Camera", "Action Camera", "4K Webcam", "Streaming Camera", "Dash Cam"], 59, 1899),
        ("Wearables", "WRB", ["Fitness Tracker", "Smartwatch", "Sport Watch", "Smart Ring"], 49, 599),
        ("Accessories", "ACC", ["USB-C Hub", "Mechanical Keyboard", "Wireless Mouse", "Laptop Sleeve", "Charging Stand", "Power Bank"], 9, 199),
    ];

    private static readonly string[] _models = ["Air", "Pro", "Max", "Mini", "Plus", "S", "X", "Go", "One", "Studio"];

    private sealed record SeedChannel(string Name, string Topic, int Unread, int MinutesApart, (string Author, string Body)[] Messages);

    private static readonly SeedChannel[] _channels =
    [
        new("general", "Company-wide announcements and everything else", 2, 95,
        [
            ("Aino Virtanen", "Morning all! Sprint review is moved to Thursday 14:00, same room as last time."),
            ("Lars Eriksen", "Works for me. I'll demo the new search indexer."),
            ("Maja Hansen", "I'll bring the updated onboarding flow, the prototype is finally clickable."),
            ("you", "Great, I'll send out the agenda tomorrow morning."),
            ("Sofie Dahl", "Reminder: the regression run for 2.4 starts at 16:00, please merge before then."),
            ("Erik Lund", "Merged the navbar fix, thanks for the quick review Maja."),
            ("Aino Virtanen", "The customer call with Fjordline went well: they want the export feature in Q3."),
            ("Lars Eriksen", "Nice! Export is mostly backend work, I can scope it next week."),
            ("Maja Hansen", "Lunch at the food hall today? 12:15?"),
            ("Erik Lund", "In!"),
            ("Sofie Dahl", "Regression run is green: 412 tests, 0 failures."),
            ("Aino Virtanen", "Release notes draft is in the wiki, comments welcome before Friday."),
        ]),
        new("design", "Design reviews, Figma links and UI polish", 0, 140,
        [
            ("Maja Hansen", "New empty states for the catalog are up for review."),
            ("Erik Lund", "Love the illustrations. Should the search empty state offer to clear filters?"),
            ("Maja Hansen", "Good call, I'll add a \"Clear filters\" link."),
            ("you", "Can we reuse the same pattern in the chat search?"),
            ("Maja Hansen", "Yes, it's a component in the library now: EmptyState with an optional action."),
            ("Aino Virtanen", "Accessibility audit is booked for the 14th, the contrast fixes should land before."),
            ("Erik Lund", "Contrast tokens are merged. The muted text went from 3.9:1 to 4.8:1."),
            ("Maja Hansen", "Perfect, thank you!"),
        ]),
        new("engineering", "Builds, incidents and architecture", 5, 70,
        [
            ("Lars Eriksen", "Heads-up: the staging database is being migrated to the new cluster tonight."),
            ("Sofie Dahl", "Will staging be down? I have a test run planned at 20:00."),
            ("Lars Eriksen", "About ten minutes around 21:00, the run should be fine."),
            ("Erik Lund", "The flaky checkout test was a race in the date picker, fixed in #1482."),
            ("you", "Thanks! Was it the time zone thing again?"),
            ("Erik Lund", "Yep. We now render dates as DateOnly end to end."),
            ("Lars Eriksen", "Deploys now drain the old instances before stopping them. Sessions should survive a rollout."),
            ("Sofie Dahl", "I'll add a deploy-during-checkout scenario to the E2E suite."),
            ("Lars Eriksen", "Migration done, staging is on the new cluster."),
            ("Erik Lund", "p95 for catalog search dropped from 180 ms to 45 ms after the index change."),
            ("Sofie Dahl", "Deploy-during-checkout test is in: the form keeps everything the user typed."),
            ("Lars Eriksen", "Next up: read markers in the database instead of memory, so they survive restarts."),
            ("Aino Virtanen", "Could someone write a short summary of the deploy work for the newsletter?"),
            ("Erik Lund", "I'll take it."),
        ]),
        new("releases", "Release announcements, one message per release", 4, 1440,
        [
            ("Release bot", "v2.3.0 is live: saved searches, bulk export and 37 fixes."),
            ("Release bot", "v2.3.1 is live: fixes a crash when the price filter was empty."),
            ("Release bot", "v2.4.0-rc.1 is on staging: tabbed project view and the new checkout."),
            ("Release bot", "v2.4.0-rc.2 is on staging: date picker fix, faster catalog search."),
            ("Release bot", "v2.4.0 is rolling out to 10% of users."),
            ("Release bot", "v2.4.0 is live for everyone. No sessions were lost during the rollout."),
        ]),
        new("random", "Non-work banter and water-cooler chat", 0, 310,
        [
            ("Erik Lund", "Anyone else hear the northern lights forecast for tonight? Kp 5!"),
            ("Maja Hansen", "I'm driving out of town to see them, there's room for two more."),
            ("Sofie Dahl", "Count me in, I'll bring coffee."),
            ("you", "Post pictures please!"),
            ("Maja Hansen", "They were incredible. Photos are in the shared album."),
            ("Lars Eriksen", "That green band over the fjord, wow."),
            ("Aino Virtanen", "Cake in the kitchen for Erik's birthday at 15:00!"),
        ]),
    ];

    public static void Seed(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        SeedProducts(connection, transaction);
        SeedChat(connection, transaction, now);
    }

    private static void SeedProducts(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO products (id, sku, name, brand, category, price, rating, reviews, in_stock)
            VALUES ($id, $sku, $name, $brand, $category, $price, $rating, $reviews, $inStock);
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var sku = insert.Parameters.Add("$sku", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var brand = insert.Parameters.Add("$brand", SqliteType.Text);
        var category = insert.Parameters.Add("$category", SqliteType.Text);
        var price = insert.Parameters.Add("$price", SqliteType.Real);
        var rating = insert.Parameters.Add("$rating", SqliteType.Real);
        var reviews = insert.Parameters.Add("$reviews", SqliteType.Integer);
        var inStock = insert.Parameters.Add("$inStock", SqliteType.Integer);

        foreach (var product in GenerateProducts())
        {
            id.Value = product.Id;
            sku.Value = product.Sku;
            name.Value = product.Name;
            brand.Value = product.Brand;
            category.Value = product.Category;
            price.Value = (double)product.Price;
            rating.Value = product.Rating;
            reviews.Value = product.Reviews;
            inStock.Value = product.InStock ? 1 : 0;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The catalog, from a fixed seed with a generator of our own (System.Random's seeded sequence is
    /// not guaranteed across .NET versions).
    /// </summary>
    public static IReadOnlyList<Product> GenerateProducts()
    {
        var random = new SeededRandom(20240611);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var products = new List<Product>(ProductCount);

        for (var i = 0; i < ProductCount; i++)
        {
            var category = _categories[i % _categories.Length];
            var brand = _brands[random.Next(_brands.Length)];
            var noun = category.Nouns[random.Next(category.Nouns.Length)];

            string name;
            do
            {
                var model = _models[random.Next(_models.Length)];
                var generation = random.Next(2, 9);
                name = string.Create(CultureInfo.InvariantCulture, $"{brand} {noun} {model} {generation}");
            }
            while (!names.Add(name));

            var rawPrice = category.MinPrice + (random.NextDouble() * (category.MaxPrice - category.MinPrice));
            var price = (decimal)Math.Round(rawPrice) - 0.01m;
            var rating = Math.Round(2.8 + (random.NextDouble() * 2.2), 1);
            var reviewCount = 3 + random.Next(2400);
            var inStock = random.NextDouble() < 0.78;

            products.Add(new Product(
                i + 1,
                string.Create(CultureInfo.InvariantCulture, $"{category.Code}-{1000 + i}"),
                name,
                brand,
                category.Name,
                price,
                rating,
                reviewCount,
                inStock));
        }

        return products;
    }

    private static void SeedChat(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        for (var c = 0; c < _channels.Length; c++)
        {
            var channel = _channels[c];
            long channelId;
            using (var insertChannel = connection.CreateCommand())
            {
                insertChannel.Transaction = transaction;
                insertChannel.CommandText = """
                    INSERT INTO channels (name, topic, sort_order) VALUES ($name, $topic, $order);
                    SELECT last_insert_rowid();
                    """;
                insertChannel.Parameters.AddWithValue("$name", channel.Name);
                insertChannel.Parameters.AddWithValue("$topic", channel.Topic);
                insertChannel.Parameters.AddWithValue("$order", c);
                channelId = (long)insertChannel.ExecuteScalar()!;
            }

            long lastRead = 0;
            var readCount = channel.Messages.Length - channel.Unread;
            for (var m = 0; m < channel.Messages.Length; m++)
            {
                var (author, body) = channel.Messages[m];
                var sentAt = now.AddMinutes(-(channel.Messages.Length - m) * channel.MinutesApart);
                using var insertMessage = connection.CreateCommand();
                insertMessage.Transaction = transaction;
                insertMessage.CommandText = """
                    INSERT INTO messages (channel_id, author, body, sent_at) VALUES ($channel, $author, $body, $sentAt);
                    SELECT last_insert_rowid();
                    """;
                insertMessage.Parameters.AddWithValue("$channel", channelId);
                insertMessage.Parameters.AddWithValue("$author", author);
                insertMessage.Parameters.AddWithValue("$body", body);
                insertMessage.Parameters.AddWithValue("$sentAt", sentAt.ToUnixTimeMilliseconds());
                var messageId = (long)insertMessage.ExecuteScalar()!;
                if (m < readCount)
                {
                    lastRead = messageId;
                }
            }

            using var marker = connection.CreateCommand();
            marker.Transaction = transaction;
            marker.CommandText = "INSERT INTO read_markers (channel_id, last_read_message_id) VALUES ($channel, $last);";
            marker.Parameters.AddWithValue("$channel", channelId);
            marker.Parameters.AddWithValue("$last", lastRead);
            marker.ExecuteNonQuery();
        }
    }

    /// <summary>SplitMix64: small, fast and the same sequence everywhere.</summary>
    private sealed class SeededRandom(ulong seed)
    {
        private ulong _state = seed;

        public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

        public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        private ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
