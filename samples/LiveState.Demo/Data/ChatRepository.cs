namespace LiveState.Demo.Data;

public sealed record ChatChannel(long Id, string Name, string Topic, long LastReadMessageId, int UnreadCount);

public sealed record ChatMessage(long Id, long ChannelId, string Author, string Body, DateTimeOffset SentAt);

/// <summary>
/// Channels, messages and the per-channel "last read" marker. The marker is in the database, not in
/// the circuit, so what the user has read survives restarts and deploys.
/// </summary>
public sealed class ChatRepository(DemoDatabase database)
{
    /// <summary>The one implicit user of the demo.</summary>
    public const string CurrentUser = "you";

    public async Task<IReadOnlyList<ChatChannel>> GetChannelsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.id, c.name, c.topic, COALESCE(r.last_read_message_id, 0) AS last_read,
                   (SELECT COUNT(*) FROM messages m
                     WHERE m.channel_id = c.id AND m.id > COALESCE(r.last_read_message_id, 0)) AS unread
            FROM channels c
            LEFT JOIN read_markers r ON r.channel_id = c.id
            ORDER BY c.sort_order;
            """;
        var channels = new List<ChatChannel>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            channels.Add(new ChatChannel(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt32(4)));
        }

        return channels;
    }

    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(long channelId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, channel_id, author, body, sent_at FROM messages
            WHERE channel_id = $channel
            ORDER BY id;
            """;
        command.Parameters.AddWithValue("$channel", channelId);
        var messages = new List<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new ChatMessage(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return messages;
    }

    /// <summary>Posts a message as <see cref="CurrentUser"/>; posting marks the channel as read, as chat apps do.</summary>
    public async Task<ChatMessage> SendAsync(long channelId, string body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);

        var sentAt = DateTimeOffset.UtcNow;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);

        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO messages (channel_id, author, body, sent_at) VALUES ($channel, $author, $body, $sentAt);
                SELECT last_insert_rowid();
                """;
            insert.Parameters.AddWithValue("$channel", channelId);
            insert.Parameters.AddWithValue("$author", CurrentUser);
            insert.Parameters.AddWithValue("$body", body.Trim());
            insert.Parameters.AddWithValue("$sentAt", sentAt.ToUnixTimeMilliseconds());
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var marker = connection.CreateCommand())
        {
            marker.Transaction = transaction;
            marker.CommandText = UpsertMarkerSql;
            marker.Parameters.AddWithValue("$channel", channelId);
            marker.Parameters.AddWithValue("$last", id);
            await marker.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ChatMessage(id, channelId, CurrentUser, body.Trim(), sentAt);
    }

    /// <summary>Moves the channel's marker to its newest message.</summary>
    public async Task MarkReadAsync(long channelId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = MarkAllReadSql;
        command.Parameters.AddWithValue("$channel", channelId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // A marker only moves forward: another tab that marked more as read is not undone.
    private const string UpsertMarkerSql = """
        INSERT INTO read_markers (channel_id, last_read_message_id) VALUES ($channel, $last)
        ON CONFLICT (channel_id) DO UPDATE
        SET last_read_message_id = MAX(last_read_message_id, excluded.last_read_message_id);
        """;

    private const string MarkAllReadSql = """
        INSERT INTO read_markers (channel_id, last_read_message_id)
        VALUES ($channel, (SELECT COALESCE(MAX(id), 0) FROM messages WHERE channel_id = $channel))
        ON CONFLICT (channel_id) DO UPDATE
        SET last_read_message_id = MAX(last_read_message_id, excluded.last_read_message_id);
        """;
}
