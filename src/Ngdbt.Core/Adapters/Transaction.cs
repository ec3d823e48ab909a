namespace Ngdbt.Adapters;

/// <summary>The one shape of a materialization's transaction on every adapter: BEGIN, the node's pre-hooks, the work,
/// its post-hooks, COMMIT; on any failure ROLLBACK, so the previous relation stays as it was.</summary>
public static class Transaction
{
    public static void Run(Func<string, long> execute, string begin, Action work, TableLayout? layout)
    {
        execute(begin);
        try
        {
            foreach (var hook in layout?.PreHooks ?? [])
            {
                execute(hook);
            }

            work();
            foreach (var hook in layout?.PostHooks ?? [])
            {
                execute(hook);
            }

            execute("COMMIT");
        }
        catch
        {
            try
            {
                execute("ROLLBACK");
            }
            catch (AdapterSqlException)
            {
                // The transaction may already be aborted by the failure, or the connection gone; the original error is what matters.
            }

            throw;
        }
    }
}
