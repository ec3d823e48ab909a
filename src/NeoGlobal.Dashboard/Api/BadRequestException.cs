namespace NeoGlobal.Dashboard.Api;

/// <summary>A rejected request; rendered as HTTP 400 <c>{"error": message}</c>.</summary>
internal sealed class BadRequestException(string message) : Exception(message);
