using System.Reflection;
using System.Reflection.Emit;

namespace Whisper.Security.Audit.Assemblies;

/// <summary>Operand sizes of every IL opcode, built once from <see cref="OpCodes"/> so the table cannot drift from the runtime's.</summary>
internal static class IlOperands
{
    /// <summary>Sizes of one-byte opcodes (index = byte) and of 0xFE-prefixed ones (index = 256 + second byte); -1 unknown.</summary>
    private static readonly int[] Sizes = Build();

    /// <summary>The operand size of the opcode at <paramref name="code"/>[<paramref name="at"/>], setting <paramref name="opcodeLength"/>; -1 if unknown.</summary>
    public static int Size(ReadOnlySpan<byte> code, int at, out int opcodeLength)
    {
        if (code[at] == 0xFE)
        {
            opcodeLength = 2;
            return at + 1 < code.Length ? Sizes[256 + code[at + 1]] : -1;
        }

        opcodeLength = 1;
        return Sizes[code[at]];
    }

    private static int[] Build()
    {
        var sizes = new int[512];
        Array.Fill(sizes, -1);
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not OpCode opcode)
            {
                continue;
            }

            var value = (ushort)opcode.Value;
            var index = opcode.Size == 1 ? value : 256 + (value & 0xFF);
            sizes[index] = opcode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4, // plus 4 per target, read by the walker
                _ => 4,
            };
        }

        return sizes;
    }
}
