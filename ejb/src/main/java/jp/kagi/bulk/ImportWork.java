package jp.kagi.bulk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import jp.kagi.platform.WorkQueue;

/** The bulk import's rows as background work (see {@link jp.kagi.platform.BackgroundWork}). */
@ApplicationScoped
public class ImportWork implements WorkQueue {

    @Inject
    ImportQueue queue;

    @Inject
    ImportRowWorker worker;

    @Override
    public List<Long> next(int max) {
        return queue.next(max);
    }

    @Override
    public void work(long rowId) {
        worker.process(rowId);
    }

    @Override
    public void finishDone() {
        queue.finishDone();
    }
}
