using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Whisper.Security.Audit.Assemblies;

/// <summary>The IL walk: one pass per method body, literals held until the instructions after them say what they are.</summary>
internal sealed partial class AssemblyScanner
{
    private const byte Ldstr = 0x72;
    private const byte Call = 0x28;
    private const byte Callvirt = 0x6F;
    private const byte Newobj = 0x73;
    private const byte Stfld = 0x7D;
    private const byte Stsfld = 0x80;
    private const byte Switch = 0x45;
    private const byte Ldftn = 0x06; // after 0xFE

    private void WalkMethod(PEReader pe, MethodDefinitionHandle handle, MethodDefinition method)
    {
        MethodBodyBlock body;
        try
        {
            body = pe.GetMethodBody(method.RelativeVirtualAddress);
        }
        catch (BadImageFormatException)
        {
            return;
        }

        var il = body.GetILContent();
        var code = il.AsSpan();
        Literal? pending = null;
        var pendingAt = 0;
        var pendingName = "";
        var pendingCall = -1;
        var alwaysTrueAt = -1;
        var index = 0;
        var at = 0;
        while (at < code.Length)
        {
            var operand = IlOperands.Size(code, at, out var opcodeLength);
            if (operand < 0)
            {
                break; // unknown opcode: stop rather than misread the rest
            }

            var opcode = code[at];
            var twoByte = opcodeLength == 2;
            var token = operand == 4 && at + opcodeLength + 4 <= code.Length ? BinaryPrimitives.ReadInt32LittleEndian(code[(at + opcodeLength)..]) : 0;
            if (pending is not null && index - pendingAt > ContextReach)
            {
                ScanLiteral(pending.Value, pendingName, pendingCall);
                pending = null;
            }

            if (!twoByte && opcode == Ldstr)
            {
                if (pending is not null)
                {
                    ScanLiteral(pending.Value, pendingName, pendingCall);
                }

                var userString = MetadataTokens.UserStringHandle(token & 0x00FFFFFF);
                var offset = MetadataTokens.GetHeapOffset(userString);
                loaded.Add(offset);
                pending = new Literal(SafeUserString(userString), offset, handle);
                pendingAt = index;
                pendingName = "";
                pendingCall = -1;
            }
            else if (!twoByte && opcode is Call or Callvirt or Newobj && token != 0)
            {
                var target = MetadataTokens.EntityHandle(token);
                var member = MemberName(target);
                if (pending is not null)
                {
                    if (pendingName.Length == 0)
                    {
                        pendingName = member;
                    }

                    if (pendingCall < 0)
                    {
                        pendingCall = CallRule(member, target);
                    }
                }

                CheckMember(member, target, handle, alwaysTrueAt >= 0 && index - alwaysTrueAt <= ContextReach);
            }
            else if (!twoByte && opcode is Stfld or Stsfld && token != 0 && pending is not null && pendingName.Length == 0)
            {
                pendingName = MemberNames.Field(reader, MetadataTokens.EntityHandle(token));
            }
            else if (twoByte && code[at + 1] == Ldftn && token != 0 && IsAlwaysTrue(pe, MetadataTokens.EntityHandle(token)))
            {
                alwaysTrueAt = index;
            }

            at += opcodeLength + operand;
            if (!twoByte && opcode == Switch && at <= code.Length)
            {
                at += 4 * BinaryPrimitives.ReadInt32LittleEndian(code[(at - 4)..]);
            }

            index++;
        }

        if (pending is not null)
        {
            ScanLiteral(pending.Value, pendingName, pendingCall);
        }
    }

    private string SafeUserString(UserStringHandle handle)
    {
        try
        {
            return reader.GetUserString(handle);
        }
        catch (BadImageFormatException)
        {
            return "";
        }
    }

    /// <summary>True when the method is <c>return true</c> (release: <c>ldc.i4.1; ret</c>; debug adds nops and a local).</summary>
    private bool IsAlwaysTrue(PEReader pe, EntityHandle handle)
    {
        if (handle.Kind != HandleKind.MethodDefinition)
        {
            return false;
        }

        var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
        if (method.RelativeVirtualAddress == 0)
        {
            return false;
        }

        try
        {
            Span<byte> compact = stackalloc byte[8];
            var length = 0;
            foreach (var b in pe.GetMethodBody(method.RelativeVirtualAddress).GetILContent())
            {
                if (b == 0x00)
                {
                    continue; // nop
                }

                if (length == compact.Length)
                {
                    return false;
                }

                compact[length++] = b;
            }

            var il = compact[..length];
            return il.SequenceEqual((ReadOnlySpan<byte>)[0x17, 0x2A]) || il.SequenceEqual((ReadOnlySpan<byte>)[0x17, 0x0A, 0x2B, 0x00, 0x06, 0x2A]);
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
