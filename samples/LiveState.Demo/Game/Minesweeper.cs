namespace LiveState.Demo.Game;

public enum CellState
{
    Hidden,
    Revealed,
    Flagged,
}

public enum GameStatus
{
    Ready,
    Playing,
    Won,
    Lost,
}

/// <summary>
/// A game of Minesweeper held entirely in memory. Mines are placed from <see cref="Seed"/> at the
/// first reveal, away from the revealed cell, so the same seed and the same first move always
/// give the same board.
/// </summary>
public sealed class Minesweeper
{
    private const int PointsPerCell = 10;
    private const int HintPenalty = 25;
    private const int WinBonus = 500;

    private readonly bool[,] _mines;
    private readonly int[,] _adjacent;
    private readonly CellState[,] _cells;
    private int _revealedCount;
    private int _hintsUsed;

    public Minesweeper(int rows, int columns, int mineCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mineCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mineCount, (rows * columns) - 9);

        Rows = rows;
        Columns = columns;
        MineCount = mineCount;
        Seed = seed;
        StartedAt = DateTimeOffset.UtcNow;
        _mines = new bool[rows, columns];
        _adjacent = new int[rows, columns];
        _cells = new CellState[rows, columns];
    }

    public int Rows { get; }

    public int Columns { get; }

    public int MineCount { get; }

    public int Seed { get; }

    public DateTimeOffset StartedAt { get; private init; }

    public GameStatus Status { get; private set; } = GameStatus.Ready;

    /// <summary>Every reveal, flag and hint that changed the board.</summary>
    public int Moves { get; private set; }

    public int Score => Math.Max(0, (_revealedCount * PointsPerCell) - (_hintsUsed * HintPenalty)) + (Status == GameStatus.Won ? WinBonus : 0);

    public int FlagsLeft
    {
        get
        {
            var flags = 0;
            foreach (var cell in _cells)
            {
                if (cell == CellState.Flagged)
                {
                    flags++;
                }
            }

            return MineCount - flags;
        }
    }

    public bool IsOver => Status is GameStatus.Won or GameStatus.Lost;

    public CellState StateAt(int row, int column) => _cells[row, column];

    public bool IsMine(int row, int column) => _mines[row, column];

    public int AdjacentMines(int row, int column) => _adjacent[row, column];

    /// <summary>Reveals a hidden cell; a cell with no neighbouring mines opens its neighbours too.</summary>
    /// <returns>Whether the board changed.</returns>
    public bool Reveal(int row, int column)
    {
        if (IsOver || _cells[row, column] != CellState.Hidden)
        {
            return false;
        }

        if (Status == GameStatus.Ready)
        {
            PlaceMines(row, column);
            Status = GameStatus.Playing;
        }

        Moves++;
        if (_mines[row, column])
        {
            _cells[row, column] = CellState.Revealed;
            Status = GameStatus.Lost;
            RevealAllMines();
            return true;
        }

        Open(row, column);
        CheckWin();
        return true;
    }

    /// <summary>Puts a flag on a hidden cell or takes it off.</summary>
    /// <returns>Whether the board changed.</returns>
    public bool ToggleFlag(int row, int column)
    {
        if (IsOver || _cells[row, column] == CellState.Revealed)
        {
            return false;
        }

        _cells[row, column] = _cells[row, column] == CellState.Flagged ? CellState.Hidden : CellState.Flagged;
        Moves++;
        return true;
    }

    /// <summary>
    /// Reveals a safe cell for a penalty: before the first move the centre of the board, then the
    /// first hidden safe cell next to an opened area (or anywhere), in reading order.
    /// </summary>
    /// <returns>Whether the board changed.</returns>
    public bool Hint()
    {
        if (IsOver)
        {
            return false;
        }

        if (Status == GameStatus.Ready)
        {
            _hintsUsed++;
            return Reveal(Rows / 2, Columns / 2);
        }

        (int Row, int Column)? fallback = null;
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                if (_cells[r, c] != CellState.Hidden || _mines[r, c])
                {
                    continue;
                }

                if (TouchesRevealed(r, c))
                {
                    _hintsUsed++;
                    return Reveal(r, c);
                }

                fallback ??= (r, c);
            }
        }

        if (fallback is { } cell)
        {
            _hintsUsed++;
            return Reveal(cell.Row, cell.Column);
        }

        return false;
    }

    private void PlaceMines(int safeRow, int safeColumn)
    {
        // A small seeded generator of our own, so a seed means the same board on every .NET version.
        var state = ((uint)Seed * 2654435761u) ^ 0x9E3779B9u;
        if (state == 0)
        {
            state = 1;
        }

        var placed = 0;
        while (placed < MineCount)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            var index = (int)(state % (uint)(Rows * Columns));
            var r = index / Columns;
            var c = index % Columns;
            if (_mines[r, c] || (Math.Abs(r - safeRow) <= 1 && Math.Abs(c - safeColumn) <= 1))
            {
                continue;
            }

            _mines[r, c] = true;
            placed++;
        }

        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                _adjacent[r, c] = CountNeighbours(r, c, (nr, nc) => _mines[nr, nc]);
            }
        }
    }

    private void Open(int row, int column)
    {
        var pending = new Stack<(int Row, int Column)>();
        pending.Push((row, column));
        while (pending.Count > 0)
        {
            var (r, c) = pending.Pop();
            // Flags are the player's: opening an area does not take them away.
            if (_cells[r, c] != CellState.Hidden || _mines[r, c])
            {
                continue;
            }

            _cells[r, c] = CellState.Revealed;
            _revealedCount++;
            if (_adjacent[r, c] != 0)
            {
                continue;
            }

            for (var dr = -1; dr <= 1; dr++)
            {
                for (var dc = -1; dc <= 1; dc++)
                {
                    var nr = r + dr;
                    var nc = c + dc;
                    if (InBounds(nr, nc) && _cells[nr, nc] == CellState.Hidden)
                    {
                        pending.Push((nr, nc));
                    }
                }
            }
        }
    }

    private void CheckWin()
    {
        if (_revealedCount == (Rows * Columns) - MineCount)
        {
            Status = GameStatus.Won;
            for (var r = 0; r < Rows; r++)
            {
                for (var c = 0; c < Columns; c++)
                {
                    if (_mines[r, c])
                    {
                        _cells[r, c] = CellState.Flagged;
                    }
                }
            }
        }
    }

    private void RevealAllMines()
    {
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                if (_mines[r, c] && _cells[r, c] != CellState.Flagged)
                {
                    _cells[r, c] = CellState.Revealed;
                }
            }
        }
    }

    private bool TouchesRevealed(int row, int column) =>
        CountNeighbours(row, column, (r, c) => _cells[r, c] == CellState.Revealed) > 0;

    private int CountNeighbours(int row, int column, Func<int, int, bool> predicate)
    {
        var count = 0;
        for (var dr = -1; dr <= 1; dr++)
        {
            for (var dc = -1; dc <= 1; dc++)
            {
                if ((dr != 0 || dc != 0) && InBounds(row + dr, column + dc) && predicate(row + dr, column + dc))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private bool InBounds(int row, int column) => row >= 0 && row < Rows && column >= 0 && column < Columns;

    /// <summary>Everything needed to continue this game elsewhere (another process, after a deploy).</summary>
    public MinesweeperSnapshot ToSnapshot()
    {
        var mines = new char[Rows * Columns];
        var cells = new char[Rows * Columns];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                mines[(r * Columns) + c] = _mines[r, c] ? '*' : '.';
                cells[(r * Columns) + c] = _cells[r, c] switch
                {
                    CellState.Revealed => 'o',
                    CellState.Flagged => 'f',
                    _ => 'h',
                };
            }
        }

        return new MinesweeperSnapshot(Rows, Columns, MineCount, Seed, StartedAt, Status, Moves, _revealedCount, _hintsUsed, new string(mines), new string(cells));
    }

    /// <summary>Continues a game from a snapshot.</summary>
    /// <exception cref="ArgumentException">The snapshot does not describe a possible board.</exception>
    public static Minesweeper FromSnapshot(MinesweeperSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var game = new Minesweeper(snapshot.Rows, snapshot.Columns, snapshot.MineCount, snapshot.Seed) { StartedAt = snapshot.StartedAt };
        var size = snapshot.Rows * snapshot.Columns;
        if (snapshot.Mines.Length != size || snapshot.Cells.Length != size || snapshot.Mines.Count(m => m == '*') is var mines && mines != 0 && mines != snapshot.MineCount)
        {
            throw new ArgumentException("The snapshot's board does not match its size.", nameof(snapshot));
        }

        for (var r = 0; r < game.Rows; r++)
        {
            for (var c = 0; c < game.Columns; c++)
            {
                var index = (r * game.Columns) + c;
                game._mines[r, c] = snapshot.Mines[index] == '*';
                game._cells[r, c] = snapshot.Cells[index] switch
                {
                    'o' => CellState.Revealed,
                    'f' => CellState.Flagged,
                    'h' => CellState.Hidden,
                    _ => throw new ArgumentException("The snapshot has an unknown cell.", nameof(snapshot)),
                };
            }
        }

        for (var r = 0; r < game.Rows; r++)
        {
            for (var c = 0; c < game.Columns; c++)
            {
                game._adjacent[r, c] = game.CountNeighbours(r, c, (nr, nc) => game._mines[nr, nc]);
            }
        }

        game.Status = snapshot.Status;
        game.Moves = snapshot.Moves;
        game._revealedCount = snapshot.RevealedCount;
        game._hintsUsed = snapshot.HintsUsed;
        return game;
    }
}

/// <summary>A game of Minesweeper as plain data: mines as <c>*</c>/<c>.</c>, cells as <c>h</c>idden, <c>o</c>pen or <c>f</c>lagged, row by row.</summary>
public sealed record MinesweeperSnapshot(
    int Rows,
    int Columns,
    int MineCount,
    int Seed,
    DateTimeOffset StartedAt,
    GameStatus Status,
    int Moves,
    int RevealedCount,
    int HintsUsed,
    string Mines,
    string Cells);
