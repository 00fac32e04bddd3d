using System.Net;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Faults;

/// <summary>
/// Whether a request comes from this machine. The simulator may listen on 0.0.0.0 so that other hosts can load
/// it, but only a local operator may script its faults.
/// </summary>
internal static class LoopbackCaller
{
    /// <summary>False when the address is unknown: a connection that cannot show it is local is treated as remote.</summary>
    public static bool Is(ConnectionInfo connection)
    {
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return false;
        }

        // ::ffff:127.0.0.1 is how a dual-mode socket shows an IPv4 loopback caller; IsLoopback says false to it.
        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}
