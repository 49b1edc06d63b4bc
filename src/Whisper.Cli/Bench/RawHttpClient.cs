using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Whisper.Cli.Bench;

/// <summary>
/// The feed benchmark's load generator: one keep-alive HTTP/1.1 connection over a raw <see cref="Socket"/>, requests
/// sent as pre-built bytes and responses parsed just far enough to know the status and where the message ends
/// (<c>Content-Length</c> or chunked). It runs on the same cores as the server, so it does as little as a client can:
/// no headers collection, no strings, no per-request allocation after the first (the receive buffer grows only for a
/// response larger than any before). One request at a time per connection (no pipelining). Not a general client: it
/// trusts the server under test and throws on anything it does not expect.
/// </summary>
internal sealed class RawHttpClient : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLengthName = "content-length:"u8.ToArray();
    private static readonly byte[] TransferEncodingChunked = "transfer-encoding: chunked"u8.ToArray();

    private readonly Socket _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _filled;

    private RawHttpClient(Socket socket) => _socket = socket;

    public static async Task<RawHttpClient> ConnectAsync(Uri baseUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(baseUrl.Host), baseUrl.Port), ct).ConfigureAwait(false);
            return new RawHttpClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of <c>GET <paramref name="pathAndQuery"/></c> with a Host and a bearer Authorization header (built once, before the clock starts).</summary>
    public static byte[] Get(Uri baseUrl, string pathAndQuery, string bearer)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return Encoding.ASCII.GetBytes($"GET {pathAndQuery} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nAuthorization: Bearer {bearer}\r\n\r\n");
    }

    /// <summary>Sends one request and reads its whole response: the status code and the body's length in bytes (the body itself is discarded).</summary>
    public async ValueTask<(int Status, int BodyLength)> SendAsync(ReadOnlyMemory<byte> request, CancellationToken ct)
    {
        for (var sent = 0; sent < request.Length;)
        {
            sent += await _socket.SendAsync(request[sent..], SocketFlags.None, ct).ConfigureAwait(false);
        }

        int headerLength;
        while ((headerLength = _buffer.AsSpan(0, _filled).IndexOf(HeaderEnd)) < 0)
        {
            await ReceiveAsync(ct).ConfigureAwait(false);
        }

        headerLength += HeaderEnd.Length;
        var (status, contentLength, chunked) = ParseHead(_buffer.AsSpan(0, headerLength));
        int messageLength;
        int bodyLength;
        if (chunked)
        {
            int consumed;
            while (!TryChunked(_buffer.AsSpan(headerLength, _filled - headerLength), out consumed, out bodyLength))
            {
                await ReceiveAsync(ct).ConfigureAwait(false);
            }

            messageLength = headerLength + consumed;
        }
        else
        {
            bodyLength = contentLength;
            messageLength = headerLength + contentLength;
            while (_filled < messageLength)
            {
                await ReceiveAsync(ct).ConfigureAwait(false);
            }
        }

        // Keep whatever follows (nothing, without pipelining) for the next response.
        _buffer.AsSpan(messageLength, _filled - messageLength).CopyTo(_buffer);
        _filled -= messageLength;
        return (status, bodyLength);
    }

    public void Dispose() => _socket.Dispose();

    private async ValueTask ReceiveAsync(CancellationToken ct)
    {
        if (_filled == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, ct).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("The server closed the connection in the middle of a response.");
        }

        _filled += read;
    }

    private static (int Status, int ContentLength, bool Chunked) ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK\r\n"
        if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new IOException("The response does not start with an HTTP/1.1 status line.");
        }

        var contentLength = 0;
        var chunked = false;
        Span<byte> lower = stackalloc byte[64];
        var rest = head[(head.IndexOf("\r\n"u8) + 2)..];
        while (rest.Length > 2)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = rest[..end];
            rest = rest[(end + 2)..];
            var n = Math.Min(line.Length, lower.Length);
            for (var i = 0; i < n; i++)
            {
                lower[i] = line[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(line[i] | 0x20) : line[i];
            }

            var name = lower[..n];
            if (name.StartsWith(ContentLengthName))
            {
                if (!Utf8Parser.TryParse(line[ContentLengthName.Length..].TrimStart((byte)' '), out contentLength, out _))
                {
                    throw new IOException("The response's Content-Length is not a number.");
                }
            }
            else if (name.SequenceEqual(TransferEncodingChunked))
            {
                chunked = true;
            }
        }

        return (status, contentLength, chunked);
    }

    /// <summary>True when <paramref name="body"/> holds a whole chunked body (no trailers): how many bytes it spans and how many are data.</summary>
    private static bool TryChunked(ReadOnlySpan<byte> body, out int consumed, out int dataLength)
    {
        consumed = 0;
        dataLength = 0;
        while (true)
        {
            var lineEnd = body[consumed..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            if (!Utf8Parser.TryParse(body.Slice(consumed, lineEnd), out int size, out _, 'x'))
            {
                throw new IOException("A chunk size is not hexadecimal.");
            }

            var next = consumed + lineEnd + 2 + size + 2;
            if (body.Length < next)
            {
                return false;
            }

            consumed = next;
            dataLength += size;
            if (size == 0)
            {
                return true;
            }
        }
    }
}
