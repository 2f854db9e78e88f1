/* The command-line tool's own loader, with the same name as the one in
   support/: which of the two the extension links is not written anywhere
   hpylint reads (the build links a library by name), so the call is
   followed into neither. This one loads nothing: the tool formats dates
   without the datetime module, and only reports whether a calendar file
   is present next to it. */
#include <stdio.h>

int load_date_support(void)
{
    FILE *f = fopen("calendar.txt", "r");
    if (f == NULL)
        return -1;
    fclose(f);
    return 0;
}
