using System.Globalization;
using System.Text;

namespace Whisper.Security.Audit.Corpus;

/// <summary>
/// A large generated source tree for <c>whisper bench audit</c>: files of 8-48 KB in every scanned text language, in the
/// mix of a polyglot service repository (C# 30%, TypeScript/JavaScript 25%, Java/Kotlin 15%, Go 10%, Python 10%,
/// JSON/YAML/XML 10%), built from templates with seeded random names, log messages, in-region URLs, numbers and
/// comments; one file in 25 carries an off-region endpoint so the finding path is exercised too. Same seed, same tree.
/// </summary>
public static class LargeTree
{
    private static readonly string[] Words =
    [
        "feed", "video", "creator", "comment", "like", "share", "follow", "session", "upload", "caption", "sound", "effect",
        "playlist", "profile", "report", "region", "cohort", "ranking", "candidate", "embedding", "shard", "chunk", "manifest",
    ];

    private static readonly (string Extension, int Weight, string Template)[] Languages =
    [
        ("cs", 30, """
            /// <summary>Loads the {w1} of a {w2} for the {w3} page ({n1} per batch).</summary>
            public async Task<{W1}Result> Load{W1}{W2}Async(string id, CancellationToken ct)
            {
                logger.LogInformation("Loading {w1} {Id} for {w2} {Count}", id, {n1});
                var response = await client.GetAsync($"https://api.us.whisper.example/v1/{w1}/{id}?limit={n1}", ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException("failed to load the {w1} of {w2} " + id + ": " + response.StatusCode);
                }

                var payload = await response.Content.ReadFromJsonAsync<{W1}Result>(cancellationToken: ct); // {n2} bytes typical
                return payload ?? throw new InvalidDataException("empty {w1} payload for '{w3}'");
            }

            """),
        ("ts", 15, """
            /** Renders the {w1} list of a {w2} ({n1} items per page). */
            export async function render{W1}{W2}(id: string, page = {n2}): Promise<{W1}View[]> {
              const response = await fetch(`/api/v1/{w1}/${id}?page=${page}&limit={n1}`, { headers: { Accept: "application/json" } });
              if (!response.ok) {
                throw new Error(`could not load the {w1} of {w2} ${id}: ${response.status}`);
              }
              const items: {W1}View[] = await response.json();
              console.debug("rendered {w3} items", items.length, '{w2}-{n1}');
              return items.filter((item) => item.{w3}Count > {n2});
            }

            """),
        ("js", 10, """
            // {W1} widget for the {w2} screen; refreshes every {n1} ms.
            export function mount{W1}{W2}(root, options = {}) {
              const url = options.endpoint || "https://cdn.us.whisper.example/static/{w1}.json";
              const state = { {w3}: [], page: {n2}, label: '{w1} {w2}' };
              root.addEventListener("click", (event) => track("{w1}_{w2}_click", { id: event.target.id }));
              return fetch(url).then((r) => r.json()).then((data) => { state.{w3} = data.items || []; return state; });
            }

            """),
        ("java", 10, """
                /** Stores the {w1} of a {w2}; retries {n1} times. */
                public {W1}Record save{W1}{W2}(String id, {W1}Record record) throws IOException {
                    log.info("saving {w1} {} for {w2} {}", id, "{w3}");
                    String key = String.format("{w1}:%s:{w2}:%d", id, {n2});
                    for (int attempt = 0; attempt < {n1}; attempt++) {
                        if (store.put(key, record)) {
                            return record;
                        }
                    }
                    throw new IOException("could not save the {w1} of " + id + " after {n1} attempts");
                }

            """),
        ("kt", 5, """
                /** Counts the {w1} of a {w2} in the last {n1} days. */
                fun count{W1}{W2}(id: String, days: Int = {n1}): Long {
                    val query = "SELECT count(*) FROM {w1} WHERE {w2}_id = ? AND day > now() - interval '$days days'"
                    logger.debug("counting {w1} for {w2} $id with limit {n2}")
                    return jdbc.queryForObject(query, Long::class.java, id) ?: 0L
                }

            """),
        ("go", 10, """
            // Handle{W1}{W2} serves the {w1} of a {w2}; at most {n1} per request.
            func (s *Server) Handle{W1}{W2}(w http.ResponseWriter, r *http.Request) {
            	id := r.URL.Query().Get("id")
            	if id == "" {
            		http.Error(w, "missing {w2} id", http.StatusBadRequest)
            		return
            	}
            	items, err := s.store.{W1}(r.Context(), id, {n1})
            	if err != nil {
            		s.log.Error("loading {w1} failed", "id", id, "err", err, "shard", {n2})
            		http.Error(w, "could not load {w3}", http.StatusInternalServerError)
            		return
            	}
            	_ = json.NewEncoder(w).Encode(items)
            }

            """),
        ("py", 10, """
            def load_{w1}_{w2}(client, item_id, limit={n1}):
                # {W1} for the {w2} report; {n2} rows per page.
                url = f"https://api.us.whisper.example/v1/{w1}/{item_id}?limit={limit}"
                response = client.get(url, timeout=10)
                if response.status_code != 200:
                    raise RuntimeError(f"could not load the {w1} of {w2} {item_id}: {response.status_code}")
                rows = response.json().get("{w3}", [])
                logger.info("loaded %d {w1} rows for %s", len(rows), '{w2}')
                return [row for row in rows if row.get("score", 0) > {n2}]

            """),
        ("json", 4, """
              "{w1}{W2}": { "endpoint": "https://{w1}.us.whisper.example/v1", "batch": {n1}, "label": "{w1} {w2} {w3}", "retries": {n2}, "enabled": true },

            """),
        ("yaml", 3, """
            {w1}-{w2}:
              endpoint: https://{w1}.us.whisper.example/v1  # in-region
              replicas: {n1}
              label: "{w1} {w2} {w3}"
              resources: { cpu: "{n2}m", memory: "{n1}Mi" }

            """),
        ("xml", 3, """
              <{w1} name="{w2}" endpoint="https://{w1}.us.whisper.example/v1" batch="{n1}">
                <label>{w1} {w2} {w3}</label>
                <!-- {n2} per shard -->
              </{w1}>

            """),
    ];

    /// <summary>Writes about <paramref name="targetBytes"/> of source under <paramref name="root"/>; returns the file count and bytes.</summary>
    public static (int Files, long Bytes) Write(string root, long targetBytes, int seed = 42)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var random = new Random(seed);
        var totalWeight = Languages.Sum(l => l.Weight);
        long bytes = 0;
        var files = 0;
        var text = new StringBuilder(64 * 1024);
        while (bytes < targetBytes)
        {
            var pick = random.Next(totalWeight);
            var language = Languages.First(l => (pick -= l.Weight) < 0);
            text.Clear();
            Open(text, language.Extension, files);
            var size = random.Next(8 * 1024, 48 * 1024);
            while (text.Length < size)
            {
                text.Append(Fill(language.Template, random));
            }

            if (files % 25 == 7)
            {
                text.Append(Planted(language.Extension, files));
            }

            Close(text, language.Extension);
            var folder = Path.Combine(root, $"module{files / 200:000}", language.Extension);
            Directory.CreateDirectory(folder);
            var content = Encoding.UTF8.GetBytes(text.ToString());
            File.WriteAllBytes(Path.Combine(folder, $"file{files:00000}.{language.Extension}"), content);
            bytes += content.Length;
            files++;
        }

        return (files, bytes);
    }

    private static string Fill(string template, Random random)
    {
        string Word() => Words[random.Next(Words.Length)];
        var (w1, w2, w3) = (Word(), Word(), Word());
        return new StringBuilder(template)
            .Replace("{W1}", Capital(w1)).Replace("{W2}", Capital(w2))
            .Replace("{w1}", w1).Replace("{w2}", w2).Replace("{w3}", w3)
            .Replace("{n1}", random.Next(2, 500).ToString(CultureInfo.InvariantCulture))
            .Replace("{n2}", random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture))
            .ToString();
    }

    private static string Capital(string word) => string.Concat(char.ToUpperInvariant(word[0]).ToString(), word.AsSpan(1));

    private static void Open(StringBuilder text, string extension, int index)
    {
        text.Append(extension switch
        {
            "cs" => $"namespace Generated.Module{index};\n\npublic sealed class Service{index}\n{{\n",
            "java" => $"package generated;\n\npublic final class Service{index} {{\n",
            "kt" => $"package generated\n\nclass Service{index} {{\n",
            "go" => "package generated\n\n",
            "json" => "{\n",
            "xml" => "<?xml version=\"1.0\"?>\n<services>\n",
            _ => "",
        });
    }

    private static void Close(StringBuilder text, string extension)
    {
        text.Append(extension switch
        {
            "cs" or "java" or "kt" => "}\n",
            "json" => "  \"end\": true\n}\n",
            "xml" => "</services>\n",
            _ => "",
        });
    }

    private static string Planted(string extension, int index) => extension switch
    {
        "py" => $"LEGACY_{index} = \"https://collect.shadowmetrics.cn/v1/{index}\"\n",
        "go" => $"var legacy{index} = \"https://collect.shadowmetrics.cn/v1/{index}\"\n",
        "json" => $"  \"legacy{index}\": \"https://collect.shadowmetrics.cn/v1/{index}\",\n",
        "yaml" => $"legacy{index}: https://collect.shadowmetrics.cn/v1/{index}\n",
        "xml" => $"  <legacy endpoint=\"https://collect.shadowmetrics.cn/v1/{index}\" />\n",
        "ts" or "js" => $"export const legacy{index} = \"https://collect.shadowmetrics.cn/v1/{index}\";\n",
        "cs" => $"    private const string Legacy{index} = \"https://collect.shadowmetrics.cn/v1/{index}\";\n",
        "kt" => $"    val legacy{index} = \"https://collect.shadowmetrics.cn/v1/{index}\"\n",
        _ => $"    static final String LEGACY_{index} = \"https://collect.shadowmetrics.cn/v1/{index}\";\n",
    };
}
