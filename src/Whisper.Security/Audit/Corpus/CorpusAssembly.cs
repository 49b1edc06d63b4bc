using System.Net.Http;
using System.Net.Security;
using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography.X509Certificates;

using static Whisper.Security.Audit.Corpus.CorpusValues;

namespace Whisper.Security.Audit.Corpus;

/// <summary>
/// The corpus assembly <c>bin/Corpus.Agent.dll</c>, emitted with <see cref="PersistedAssemblyBuilder"/> so no compiler is
/// needed: one static method per planted finding or look-alike, each a few IL instructions as a C# compiler would emit them.
/// </summary>
internal static class CorpusAssembly
{
    public const string RelativePath = "bin/Corpus.Agent.dll";
    private const string TypeName = "Corpus.Agent";

    public static (List<PlantedFinding> Planted, List<CleanLookalike> Clean) Write(string root)
    {
        var planted = new List<PlantedFinding>();
        var clean = new List<CleanLookalike>();
        var builder = new PersistedAssemblyBuilder(new AssemblyName("Corpus.Agent"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("Corpus.Agent");
        var type = module.DefineType(TypeName, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
        var mirror = type.DefineField("Mirror", typeof(string), FieldAttributes.Public | FieldAttributes.Static);
        var awsKeyId = type.DefineField("AwsKeyId", typeof(string), FieldAttributes.Public | FieldAttributes.Static);
        var password = type.DefineField("DbPassword", typeof(string), FieldAttributes.Public | FieldAttributes.Static);
        var pem = type.DefineField("SigningPem", typeof(string), FieldAttributes.Public | FieldAttributes.Static);
        var getString = typeof(HttpClient).GetMethod(nameof(HttpClient.GetStringAsync), [typeof(string)])!;

        void Method(string name, Type[] parameters, Action<ILGenerator> body, string? ruleId, string note)
        {
            var method = type.DefineMethod(name, MethodAttributes.Public | MethodAttributes.Static, typeof(void), parameters);
            var il = method.GetILGenerator();
            body(il);
            il.Emit(OpCodes.Ret);
            var full = $"{TypeName}.{name}";
            if (ruleId is null)
            {
                clean.Add(new CleanLookalike(RelativePath, 0, note) { Method = full });
            }
            else
            {
                planted.Add(new PlantedFinding(RelativePath, 0, ruleId, note) { Method = full });
            }
        }

        Method("Collect", [typeof(HttpClient)], il => Call(il, getString, Upload), AuditCorpus.CallRule, "ldstr passed to HttpClient.GetStringAsync");
        Method("Endpoints", [], il => Store(il, mirror, Mirror), AuditCorpus.EndpointRule, "host stored in a field");
        Method("Hidden", [], il =>
        {
            il.Emit(OpCodes.Ldstr, Hidden);
            il.Emit(OpCodes.Call, typeof(Convert).GetMethod(nameof(Convert.FromBase64String), [typeof(string)])!);
            il.Emit(OpCodes.Pop);
        }, AuditCorpus.ObfuscatedRule, "base64 endpoint");
        Method("Keys", [], il => Store(il, awsKeyId, AwsKey), AuditCorpus.AwsKeyRule, "AWS key id");
        Method("Secret", [], il => Store(il, password, "Zr8#kq2!Lm9@vX4$wT"), AuditCorpus.SecretRule, "password stored in a field");
        Method("Pem", [], il => Store(il, pem, "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"), AuditCorpus.PrivateKeyRule, "PEM private key");
        var setCallback = typeof(HttpClientHandler).GetProperty(nameof(HttpClientHandler.ServerCertificateCustomValidationCallback))!.SetMethod!;
        Method("AcceptAnyValidator", [typeof(HttpClientHandler)], il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, typeof(HttpClientHandler).GetProperty(nameof(HttpClientHandler.DangerousAcceptAnyServerCertificateValidator))!.GetMethod!);
            il.Emit(OpCodes.Callvirt, setCallback);
        }, AuditCorpus.TlsRule, "DangerousAcceptAnyServerCertificateValidator");
        var callbackType = typeof(Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>);
        var acceptAll = type.DefineMethod("AcceptAll", MethodAttributes.Private | MethodAttributes.Static, typeof(bool), [typeof(HttpRequestMessage), typeof(X509Certificate2), typeof(X509Chain), typeof(SslPolicyErrors)]);
        var acceptIl = acceptAll.GetILGenerator();
        acceptIl.Emit(OpCodes.Ldc_I4_1);
        acceptIl.Emit(OpCodes.Ret);
        Method("AlwaysTrueCallback", [typeof(HttpClientHandler)], il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Ldftn, acceptAll);
            il.Emit(OpCodes.Newobj, callbackType.GetConstructor([typeof(object), typeof(IntPtr)])!);
            il.Emit(OpCodes.Callvirt, setCallback);
        }, AuditCorpus.TlsRule, "callback set to a method that returns true");
        Method("LoadPlugin", [typeof(byte[])], il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, typeof(Assembly).GetMethod(nameof(Assembly.Load), [typeof(byte[])])!);
            il.Emit(OpCodes.Pop);
        }, AuditCorpus.DynamicRule, "Assembly.Load(byte[])");

        Method("ParseVersion", [], il =>
        {
            il.Emit(OpCodes.Ldstr, "1.2.3.4");
            il.Emit(OpCodes.Call, typeof(Version).GetMethod(nameof(Version.Parse), [typeof(string)])!);
            il.Emit(OpCodes.Pop);
        }, null, "version string passed to Version.Parse");
        Method("Feed", [typeof(HttpClient)], il => Call(il, getString, Feed), null, "call to an allowlisted host");
        Method("LoadCore", [], il =>
        {
            il.Emit(OpCodes.Ldstr, "Whisper.Core");
            il.Emit(OpCodes.Call, typeof(Assembly).GetMethod(nameof(Assembly.Load), [typeof(string)])!);
            il.Emit(OpCodes.Pop);
        }, null, "Assembly.Load by name");
        Method("Banner", [], il =>
        {
            il.Emit(OpCodes.Ldstr, Banner);
            il.Emit(OpCodes.Pop);
        }, null, "base64 of plain text");
        type.CreateType();
        var path = Path.Combine(root, RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.Save(path);
        return (planted, clean);
    }

    private static void Call(ILGenerator il, MethodInfo method, string argument)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldstr, argument);
        il.Emit(OpCodes.Callvirt, method);
        il.Emit(OpCodes.Pop);
    }

    private static void Store(ILGenerator il, FieldInfo field, string value)
    {
        il.Emit(OpCodes.Ldstr, value);
        il.Emit(OpCodes.Stsfld, field);
    }
}
