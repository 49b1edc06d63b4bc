namespace Whisper.World.Generation;

/// <summary>
/// A topic whose popularity rises and fades once: level(day) = Amplitude · exp(−(day − PeakDay)² / (2 · WidthDays²)),
/// with day counted from the world's start (day 0.5 is noon of the first day).
/// </summary>
public readonly record struct TrendCurve(int Topic, float PeakDay, float WidthDays, float Amplitude)
{
    public double LevelAt(double day)
    {
        var d = (day - PeakDay) / WidthDays;
        return Amplitude * Math.Exp(-0.5 * d * d);
    }
}
