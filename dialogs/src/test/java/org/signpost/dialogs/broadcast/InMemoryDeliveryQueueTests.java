package org.signpost.dialogs.broadcast;

class InMemoryDeliveryQueueTests extends DeliveryQueueContract {

    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();

    @Override
    protected DeliveryQueue queue() {
        return queue;
    }
}
