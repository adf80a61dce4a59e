-- Flash sales of a digital edition (issue #19): a sale names the edition it sells. A digital sale's
-- units are licences: none are taken from books.stock when it is made, none go back to it when it
-- closes (units_returned still counts them, so quantity = units_left + live claims + units_returned
-- holds for both), and its orders ship nothing. The buy path is the print sale's: the same conditional
-- decrement on units_left and the same UNIQUE claim key.
ALTER TABLE flash_sales
  ADD COLUMN edition ENUM('print','digital') NOT NULL DEFAULT 'print' AFTER book_id;
