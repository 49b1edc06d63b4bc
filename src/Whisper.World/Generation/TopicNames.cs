namespace Whisper.World.Generation;

/// <summary>Names of latent topics; they double as the hashtags of videos on the topic.</summary>
internal static class TopicNames
{
    private static readonly string[] Named =
    [
        "cooking", "dance", "comedy", "music", "fitness", "gaming", "pets", "travel",
        "fashion", "beauty", "diy", "science", "tech", "sports", "football", "basketball",
        "art", "animation", "cars", "nature", "education", "finance", "parenting", "books",
        "movies", "asmr", "magic", "gardening", "history", "skateboarding", "photography", "news",
    ];

    /// <summary>Tags with no topic meaning, added as noise.</summary>
    public static readonly string[] Noise = ["fyp", "foryou", "viral", "trending", "funny", "daily", "vlog", "wow", "new", "lol"];

    public static string Get(int topic) => topic < Named.Length ? Named[topic] : $"topic{topic + 1}";
}
