using System.Text.Json;
using Blazor.LiveState.TabState;

namespace Blazor.LiveState.Tests.TabState;

public sealed class JsonTabStateSerializerTests
{
    private readonly JsonTabStateSerializer _serializer = new(new TabStateOptions().JsonSerializerOptions);

    [Fact]
    public void Record_with_a_list_reads_back_equal()
    {
        var game = new Game("Tetris", [10, 20, 30], new Dictionary<string, int> { ["lines"] = 4 }, Level.Hard);

        var data = _serializer.Serialize(game, typeof(Game));
        var read = Assert.IsType<Game>(_serializer.Deserialize(data, typeof(Game)));

        Assert.Equal(game.Name, read.Name);
        Assert.Equal(game.Scores, read.Scores);
        Assert.Equal(game.Stats, read.Stats);
        Assert.Equal(game.Level, read.Level);
    }

    [Fact]
    public void List_of_records_reads_back_in_order()
    {
        List<Move> moves = [new(1, "e4"), new(2, "e5"), new(3, "Nf3")];

        var read = _serializer.Deserialize(_serializer.Serialize(moves, typeof(List<Move>)), typeof(List<Move>));

        Assert.Equal(moves, Assert.IsType<List<Move>>(read));
    }

    [Fact]
    public void Null_and_plain_values_read_back()
    {
        Assert.Null(_serializer.Deserialize(_serializer.Serialize(null, typeof(Game)), typeof(Game)));
        Assert.Equal(42, _serializer.Deserialize(_serializer.Serialize(42, typeof(int)), typeof(int)));
        Assert.Equal("😀 <b>", _serializer.Deserialize(_serializer.Serialize("😀 <b>", typeof(string)), typeof(string)));
    }

    [Fact]
    public void Values_are_written_as_web_json()
    {
        var json = System.Text.Encoding.UTF8.GetString(_serializer.Serialize(new Move(1, "e4"), typeof(Move)));

        Assert.Equal("""{"number":1,"san":"e4"}""", json);
    }

    [Fact]
    public void Data_of_a_changed_shape_throws()
    {
        var oldShape = _serializer.Serialize(new { number = "one", san = "e4" }, typeof(object));

        Assert.ThrowsAny<JsonException>(() => _serializer.Deserialize(oldShape, typeof(Move)));
    }

    [Fact]
    public void Data_of_another_type_throws()
    {
        Assert.ThrowsAny<JsonException>(() => _serializer.Deserialize(_serializer.Serialize(42, typeof(int)), typeof(List<int>)));
        Assert.ThrowsAny<JsonException>(() => _serializer.Deserialize(_serializer.Serialize("x", typeof(string)), typeof(int)));
        Assert.ThrowsAny<JsonException>(() => _serializer.Deserialize(_serializer.Serialize(new List<int> { 1 }, typeof(List<int>)), typeof(Game)));
    }

    [Fact]
    public void Damaged_data_throws()
    {
        Assert.ThrowsAny<JsonException>(() => _serializer.Deserialize("{\"number\":1,"u8, typeof(Move)));
        Assert.ThrowsAny<JsonException>(() => _serializer.Deserialize([], typeof(Move)));
    }

    [Fact]
    public void Options_of_the_app_are_used()
    {
        var serializer = new JsonTabStateSerializer(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

        var json = System.Text.Encoding.UTF8.GetString(serializer.Serialize(new Game("x", [], [], Level.Easy), typeof(Game)));

        Assert.Contains("\"scores\":[]", json, StringComparison.Ordinal);
        Assert.Contains("\"level\":0", json, StringComparison.Ordinal);
    }

    public enum Level
    {
        Easy,
        Hard,
    }

    public sealed record Game(string Name, List<int> Scores, Dictionary<string, int> Stats, Level Level);

    public sealed record Move(int Number, string San);
}
