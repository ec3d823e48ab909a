namespace NeoGlobal.DataGen.Synthesis;

/// <summary>Invalid synthesis input (missing sample, unreadable or wrong-version model, unknown column):
/// the message is meant for the user as is; callers print it and exit non-zero.</summary>
public sealed class SynthesisException(string message, Exception? inner = null) : Exception(message, inner);
