"""The operations layer: every user action once, with its validation, one transaction and its
side effects. The command line, the window, notification actions and import call these.

    add       commitment (with promise check or by-when answer), owed reply, concern
    finish    done / returned / resolved, "mark returned" with a note, closing the loop
    edit      the fields of an item (status and heat through their own rules)
    concerns  heat, told, "this is heating up"
    delete    delete and restore
    undo      the rows an operation changed, taken before and after, put back on demand
    briefing  build, keep and mark a briefing sent
    exchange  import (export is a read)
    items     finding an item by id, its public JSON form
    listing   what the lists show
"""
