using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Whisper.Security.Audit.Assemblies;

/// <summary>
/// Full names of types and members as the rules file writes them: <c>Namespace.Type.Member</c>, nested types joined
/// with '+', a generic instantiation named by its generic type (<c>System.Func`5..ctor</c>), parameters in parentheses
/// when asked (<c>System.Reflection.Assembly.Load(System.Byte[])</c>).
/// </summary>
internal static class MemberNames
{
    public static string TypeName(MetadataReader reader, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => TypeName(reader, (TypeDefinitionHandle)handle),
        HandleKind.TypeReference => TypeName(reader, (TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => GenericTypeName(reader, (TypeSpecificationHandle)handle),
        _ => "",
    };

    public static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return TypeName(reader, declaring) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return TypeName(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>The called member's full name without parameters, and its declaring type; empty for tokens that are not methods.</summary>
    public static string Member(MetadataReader reader, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                return TypeName(reader, method.GetDeclaringType()) + "." + reader.GetString(method.Name);
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                return TypeName(reader, member.Parent) + "." + reader.GetString(member.Name);
            case HandleKind.MethodSpecification:
                return Member(reader, reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
            default:
                return "";
        }
    }

    /// <summary>The field a <c>stfld</c>/<c>stsfld</c> token names (just the field's name).</summary>
    public static string Field(MetadataReader reader, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.FieldDefinition => reader.GetString(reader.GetFieldDefinition((FieldDefinitionHandle)handle).Name),
        HandleKind.MemberReference => reader.GetString(reader.GetMemberReference((MemberReferenceHandle)handle).Name),
        _ => "",
    };

    /// <summary>The parameter list, e.g. <c>(System.Byte[])</c>; empty when the signature cannot be decoded.</summary>
    public static string Parameters(MetadataReader reader, EntityHandle handle)
    {
        try
        {
            var provider = new SignatureNames(reader);
            MethodSignature<string> signature;
            switch (handle.Kind)
            {
                case HandleKind.MethodDefinition:
                    signature = reader.GetMethodDefinition((MethodDefinitionHandle)handle).DecodeSignature(provider, null);
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    if (member.GetKind() != MemberReferenceKind.Method)
                    {
                        return "";
                    }

                    signature = member.DecodeMethodSignature(provider, null);
                    break;
                case HandleKind.MethodSpecification:
                    return Parameters(reader, reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
                default:
                    return "";
            }

            return "(" + string.Join(",", signature.ParameterTypes) + ")";
        }
        catch (BadImageFormatException)
        {
            return "";
        }
    }

    private static string GenericTypeName(MetadataReader reader, TypeSpecificationHandle handle)
    {
        var blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        if (blob.RemainingBytes < 2 || blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return "";
        }

        blob.ReadByte(); // CLASS or VALUETYPE
        var generic = blob.ReadTypeHandle();
        return generic.IsNil ? "" : TypeName(reader, generic);
    }

    public static int Token(EntityHandle handle) => MetadataTokens.GetToken(handle);
}
